import { describe, expect, it } from 'vitest';
import { analyzePromql } from '../../checks/promql/analyze.ts';

describe('analyzePromql: valid queries', () => {
  it('reads metric, functions, range window, consumer and matchers of a templated rate query', () => {
    const analysis = analyzePromql(
      'sum by (job) (rate(http_requests_total{job=~"$job", code=~"5.."}[$__rate_interval] offset 1m))',
    );
    expect(analysis.errors).toEqual([]);
    expect(analysis.metrics).toEqual([
      { name: 'http_requests_total', templated: false, regex: false, ranged: true, consumer: 'rate' },
    ]);
    expect(analysis.functions).toEqual(['sum', 'rate']);
    expect(analysis.rangeSelectors).toEqual([
      { kind: 'matrix', window: '$__rate_interval', usesRateInterval: true, consumer: 'rate' },
    ]);
    expect(analysis.matchers).toEqual([
      { label: 'job', op: '=~', value: '$job', variables: ['job'] },
      { label: 'code', op: '=~', value: '5..', variables: [] },
    ]);
    expect(analysis.variables).toEqual(['job', '__rate_interval']);
  });

  it('finds metrics selected by __name__ and by a quoted name', () => {
    expect(analyzePromql('{__name__="up", job="x"}').metrics).toEqual([
      { name: 'up', templated: false, regex: false, ranged: false, consumer: undefined },
    ]);
    expect(analyzePromql('{__name__=~"node_cpu.*"}').metrics[0]).toMatchObject({ name: 'node_cpu.*', regex: true });
    expect(analyzePromql('{"process.cpu.seconds", job="x"}').metrics[0]?.name).toBe('process.cpu.seconds');
  });

  it('reads a histogram quantile over a bucket rate with a literal window', () => {
    const analysis = analyzePromql(
      'histogram_quantile(0.95, sum by (le, service) (rate(onyx_chat_duration_seconds_bucket[5m])))',
    );
    expect(analysis.errors).toEqual([]);
    expect(analysis.functions).toEqual(['histogram_quantile', 'sum', 'rate']);
    expect(analysis.metrics[0]).toMatchObject({ name: 'onyx_chat_duration_seconds_bucket', ranged: true, consumer: 'rate' });
    expect(analysis.rangeSelectors).toEqual([{ kind: 'matrix', window: '5m', usesRateInterval: false, consumer: 'rate' }]);
  });

  it('names the function an instant selector is passed to', () => {
    const analysis = analyzePromql('count(count(node_cpu_seconds_total{job="$job"}) by (cpu)) - scalar(up)');
    expect(analysis.metrics.map((m) => [m.name, m.ranged, m.consumer])).toEqual([
      ['node_cpu_seconds_total', false, 'count'],
      ['up', false, 'scalar'],
    ]);
  });

  it('reads subqueries: the outer window belongs to max_over_time, the inner one to rate', () => {
    const analysis = analyzePromql('max_over_time(rate(x_total[1m])[1h:30s])');
    expect(analysis.errors).toEqual([]);
    expect(analysis.rangeSelectors.map((r) => [r.kind, r.window, r.consumer])).toEqual([
      ['subquery', '1h', 'max_over_time'],
      ['matrix', '1m', 'rate'],
    ]);
  });

  it('parses every Grafana variable syntax and built-in in the places dashboards use them', () => {
    const queries = [
      'rate(x_total{instance="$instance"}[$__rate_interval])',
      'rate(x_total[${__rate_interval}])',
      'increase(x_total[$__range])',
      'avg_over_time(x[$__interval]) offset $offset',
      'rate(x_total[[[interval]]])',
      '${metric}_total',
      'node_${kind}_bytes / 1024',
      'topk($n, x) > $threshold',
      'x / $__range_s',
      'sum(rate(x_total[$__rate_interval])) by ($group)',
      '$aggregation(rate(x_total[$__rate_interval]))',
      '$aggregation by (job) (x)',
      'x{job=~"${job:regex}", env="${env:raw}"}',
      'label_replace(up, "host", "$1", "instance", "(.*):.*")',
    ];
    for (const query of queries) expect(analyzePromql(query).errors, query).toEqual([]);
  });

  it('reports a templated metric name as templated, with the variable kept in its name', () => {
    expect(analyzePromql('${metric}_total').metrics).toEqual([
      { name: '${metric}_total', templated: true, regex: false, ranged: false, consumer: undefined },
    ]);
  });

  it('does not take a capture group ($1) for a variable', () => {
    expect(analyzePromql('label_replace(up{job="$job"}, "host", "$1", "instance", "(.*):.*")').variables).toEqual(['job']);
  });

  it('keeps variables inside strings and lists them', () => {
    const analysis = analyzePromql('up{job=~"$job|${other}", instance="[[instance]]"}');
    expect(analysis.variables).toEqual(['job', 'other', 'instance']);
    expect(analysis.matchers[0]?.variables).toEqual(['job', 'other']);
  });
});

describe('analyzePromql: rejected queries', () => {
  const rejected: [string, string, number][] = [
    ['sum(rate(x_total[5m])', 'unexpected end of query', 21],
    ['rate(x_total[5m]) +', 'unexpected end of query', 19],
    ['rat(x_total[5m])', 'unknown function "rat"', 3],
    ['sum(x) by job', 'unexpected', 10],
    ['x{job="a"', 'unexpected end of query', 9],
    ['x{job=a}', 'unexpected', 6],
    ['rate(x_total)', 'rate() expects a range vector as argument 1', 5],
    ['sum(x_total[5m])', 'a range vector is not allowed in sum()', 4],
    ['x_total[5m]', 'a range vector is not allowed here', 0],
    ['quantile_over_time(0.9, x)', 'expects a range vector as argument 2', 24],
    ['', 'empty query', 0],
  ];
  for (const [query, message, position] of rejected) {
    it(`rejects ${JSON.stringify(query)}: ${message} at ${position}`, () => {
      const [error, ...more] = analyzePromql(query).errors;
      expect(more).toEqual([]);
      expect(error?.message).toContain(message);
      expect(error?.position).toBe(position);
    });
  }

  it('maps an error position past a substituted variable back to the original query', () => {
    const query = 'rate(x{job="$job"}[$__rate_interval]) +';
    const [error] = analyzePromql(query).errors;
    expect(error).toMatchObject({ message: 'unexpected end of query', position: query.length, column: query.length + 1 });
  });

  it('gives line and column of an error in a multi-line query', () => {
    const [error] = analyzePromql('sum(\n  rate(x_total[$__rate_interval])\n) by job').errors;
    expect(error).toMatchObject({ line: 3, column: 6 });
  });
});
