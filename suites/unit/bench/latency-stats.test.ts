import { describe, expect, it } from 'vitest';
import { bootstrapMedianInterval, median, percentile, summarise } from '../../../bench/metrics-latency/stats.ts';

describe('latency statistics', () => {
  it('interpolates percentiles between closest ranks (numpy linear)', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5, 10);
    expect(percentile([7], 99)).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('does not depend on the order of the sample', () => {
    expect(percentile([9, 1, 5, 3, 7], 75)).toBe(percentile([1, 3, 5, 7, 9], 75));
  });

  it('refuses an empty sample and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
  });

  it('summarises p50, p95, p99 and max', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000
    expect(summarise(values)).toEqual({ count: 1000, p50: 500.5, p95: 950.05, p99: 990.01, max: 1000 });
  });

  it('gives a bootstrap interval of the median that holds the median and narrows with more data', () => {
    const small = [4, 5, 5, 6, 7];
    const large = Array.from({ length: 200 }, (_, i) => 4 + (i % 5));
    const a = bootstrapMedianInterval(small, { seed: 7 });
    const b = bootstrapMedianInterval(large, { seed: 7 });
    expect(a.low).toBeLessThanOrEqual(median(small));
    expect(a.high).toBeGreaterThanOrEqual(median(small));
    expect(a.low).toBeGreaterThanOrEqual(4);
    expect(a.high).toBeLessThanOrEqual(7);
    expect(b).toEqual({ low: 6, high: 6 });
  });

  it('is reproducible for a seed and collapses on a constant sample', () => {
    const values = [3.1, 2.9, 3.4, 3.0, 3.3];
    expect(bootstrapMedianInterval(values, { seed: 3 })).toEqual(bootstrapMedianInterval(values, { seed: 3 }));
    expect(bootstrapMedianInterval([2, 2, 2, 2], { seed: 1 })).toEqual({ low: 2, high: 2 });
  });
});
