import { describe, expect, it } from 'vitest';
import { histogramQuantile, bucketOf } from '../../checks/accuracy/quantile.ts';
import { expectationsFor } from '../../checks/accuracy/expectations.ts';
import { judgeAccuracy, queryProblems, type CheckedQuery } from '../../checks/accuracy/judge.ts';
import { knownWorkload } from '../../checks/accuracy/known-workload.ts';
import { interpolate, sourceExpr } from '../../checks/accuracy/queries.ts';
import { chatCalls, fails, spread } from '../../../stack/workload/workload.ts';

const CHAT_BUCKETS = [0.1, 0.5, 1, 1.5, 2, 5];

describe("histogram_quantile as Prometheus computes it", () => {
  it('interpolates inside the bucket that holds the rank', () => {
    // 10 observations: 2 <= 0.1, 3 in (0.1, 0.5], 5 in (0.5, 1]. Rank 9.5 is in (0.5, 1]: 0.5 + 0.5 * (4.5 / 5).
    const obs = [0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 1];
    expect(histogramQuantile(0.95, CHAT_BUCKETS, obs)).toBeCloseTo(0.95, 12);
    expect(histogramQuantile(0.5, CHAT_BUCKETS, obs)).toBeCloseTo(0.1 + 0.4 * (3 / 3), 12);
    expect(bucketOf(0.95, CHAT_BUCKETS)).toBe('(0.5, 1]');
  });
  it('answers the largest finite bound when the rank is in +Inf, and NaN without observations', () => {
    expect(histogramQuantile(0.99, CHAT_BUCKETS, [0.2, 7, 8])).toBe(5);
    expect(histogramQuantile(0.5, CHAT_BUCKETS, [])).toBeNaN();
  });
});

describe('the known workload', () => {
  const w = knownWorkload();
  it('spreads latencies evenly and failures evenly', () => {
    expect(spread({ min: 0, max: 100 }, 0, 10)).toBe(5);
    expect([...Array(10).keys()].filter((i) => fails(i, 10, 3))).toEqual([3, 6, 9]);
    const claude = chatCalls(w).filter((c) => c.model === 'claude-3-5-sonnet');
    expect(claude).toHaveLength(20);
    expect(claude.filter((c) => !c.success)).toHaveLength(4);
  });

  it("every expectation's query is on its dashboard and every variable gets a value", () => {
    const expectations = expectationsFor(w, { seconds: 30, backgroundRetrievals: 5 });
    expect(expectations.length).toBeGreaterThan(15);
    for (const e of expectations) {
      const expr = interpolate(sourceExpr(e.source), { ...e.variables, __rate_interval: '30001ms' });
      expect(expr).not.toContain('$');
    }
  });

  it('a missing panel is one clear line', () => {
    expect(() => sourceExpr({ dashboard: 'LLM Metrics', panel: 'No such panel', index: 0 })).toThrow('dashboard "LLM Metrics" has no panel "No such panel" with a query #1');
  });
});

/** What a broken stub makes the dashboards show, against what the workload implies. */
describe('the accuracy judge', () => {
  const w = knownWorkload();
  const all = expectationsFor(w, { seconds: 30, backgroundRetrievals: 5 });
  const pick = (what: string) => all.find((e) => e.what === what)!;
  const faithful = (what: string): CheckedQuery => ({ expectation: pick(what), expr: '', observed: pick(what).series.map((s) => ({ labels: s.labels, value: s.value })) });

  it('passes what the workload implies', () => {
    const checked = all.map((e) => faithful(e.what));
    expect(judgeAccuracy(checked, 'synthetic').result).toBe('PASS');
  });

  it('fails a counter counted twice, naming panel, series and factor', () => {
    const q = faithful('input tokens per second');
    q.observed = q.observed.map((o) => ({ ...o, value: o.value * 2 }));
    expect(queryProblems(q)[0]).toMatch(/^input tokens per second \[LLM Metrics \/ Tokens per second per model\] \{model="claude-3-5-sonnet-20241022"\}: .*, expected .*, 2x$/);
  });

  it('fails a wrong label: the expected series is missing and another one appears', () => {
    const q = faithful('chat success ratio');
    q.observed = q.observed.map((o) => ({ ...o, labels: { model: o.labels.model === 'llama-3.1-8b' ? 'other' : o.labels.model! } }));
    expect(queryProblems(q)).toEqual([
      'chat success ratio [LLM Metrics / Chat success rate per model (onyx-core)]: 0 series match {model="llama-3.1-8b"}, expected 1 (value 0.7)',
      'chat success ratio [LLM Metrics / Chat success rate per model (onyx-core)]: unexpected series {model="other"} = 0.7',
    ]);
  });

  it('fails a p95 from the wrong bucket, naming both buckets', () => {
    const q = faithful('chat duration p95');
    q.observed = q.observed.map((o) => ({ ...o, value: o.labels.model === 'claude-3-5-sonnet' ? 1.9 : o.value }));
    expect(queryProblems(q)[0]).toContain('claude-3-5-sonnet"}: 1.9, expected 4.25 (bucket (1.5, 2], expected (2, 5])');
  });
});
