import { describe, expect, it } from 'vitest';
import { bucketBoundsOf, ExpositionError, labelNamesOf, parseExposition } from '../../checks/exposition/parse.ts';

const TEXT = [
  '# HELP chat_seconds Chat "turns"\\nsecond line',
  '# TYPE chat_seconds histogram',
  'chat_seconds_bucket{le="0.1",model="a\\"b",success="true"} 1',
  'chat_seconds_bucket{le="+Inf",model="a\\"b",success="true"} 2',
  'chat_seconds_sum{model="a\\"b",success="true"} 0.35',
  'chat_seconds_count{model="a\\"b",success="true"} 2',
  '# TYPE go_gc_duration_seconds summary',
  'go_gc_duration_seconds{quantile="0.5"} 1e-05',
  'go_gc_duration_seconds_sum 0.01',
  'go_gc_duration_seconds_count 7',
  '# TYPE requests_total counter',
  'requests_total{path="/a\\\\b",note="x\\ny"} 5 1733300000000',
  'loose_metric NaN',
].join('\n');

describe('text exposition parser', () => {
  const families = parseExposition(TEXT);
  const byName = (name: string) => families.find((f) => f.name === name)!;

  it('keeps the labels, _sum and _count of a histogram whose le comes first (as prom-client writes it)', () => {
    const chat = byName('chat_seconds');
    expect(chat.type).toBe('histogram');
    expect(chat.help).toBe('Chat "turns"\nsecond line');
    expect(chat.samples.map((s) => s.name)).toEqual(['chat_seconds_bucket', 'chat_seconds_bucket', 'chat_seconds_sum', 'chat_seconds_count']);
    expect(labelNamesOf(chat)).toEqual(['model', 'success']);
    expect(chat.samples[0]!.labels.model).toBe('a"b');
    expect(bucketBoundsOf(chat)).toEqual([0.1]);
    expect(chat.samples[1]!.labels.le).toBe('+Inf');
  });

  it('groups a summary, reads escapes and timestamps, and keeps untyped samples apart', () => {
    expect(labelNamesOf(byName('go_gc_duration_seconds'))).toEqual([]);
    expect(byName('go_gc_duration_seconds').samples).toHaveLength(3);
    const requests = byName('requests_total');
    expect(requests.samples[0]).toEqual({ name: 'requests_total', labels: { path: '/a\\b', note: 'x\ny' }, value: 5 });
    expect(byName('loose_metric').type).toBe('untyped');
    expect(Number.isNaN(byName('loose_metric').samples[0]!.value)).toBe(true);
  });

  it.each([
    ['a value that is no number', 'x_total 12abc', /line 1: "12abc" is not a sample value/],
    ['an unterminated label value', 'x_total{a="b} 1', /label a has an unterminated value/],
    ['a label given twice', 'x_total{a="1",a="2"} 1', /label a appears twice/],
    ['an unknown type', '# TYPE x foo', /unknown type "foo"/],
    ['trailing garbage', 'x_total 1 2 3', /unexpected/],
  ])('rejects %s with a line number', (_what, text, message) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
    expect(() => parseExposition(text)).toThrow(message);
  });
});
