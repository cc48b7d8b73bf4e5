import { describe, expect, it } from 'vitest';
import { asPercent, bootstrapMedian, clusteredBootstrapMedian, median } from '../../../bench/overhead/stats.ts';

describe('overhead statistics', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no values/);
  });

  it('bootstraps an interval that holds the true median of known data, narrowing with more samples', () => {
    // The same uniform spread 9..11 around 10, sampled more finely as n grows.
    const data = (n: number) => Array.from({ length: 2 * n + 1 }, (_, i) => 10 + (i - n) / n);
    const small = bootstrapMedian(data(10), { seed: 7 });
    const large = bootstrapMedian(data(200), { seed: 7 });
    expect(small.median).toBeCloseTo(10, 10);
    expect(small.low).toBeLessThan(10);
    expect(small.high).toBeGreaterThan(10);
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 3);
  });

  it('gives a zero-width interval on constant data and the same interval for the same seed', () => {
    expect(bootstrapMedian([5, 5, 5, 5])).toMatchObject({ median: 5, low: 5, high: 5 });
    const values = [1, 4, 2, 8, 5, 7, 3];
    expect(bootstrapMedian(values, { seed: 3 })).toEqual(bootstrapMedian(values, { seed: 3 }));
  });

  it('resamples whole clusters: an offset shared within each cluster widens the interval to cover the true 0', () => {
    // Six epochs whose processes add their own offset (mean 0) to 10 tightly spread rounds each.
    const offsets = [-3, 2.5, -1, 3.5, -2.5, 1];
    const groups = offsets.map((offset, e) => Array.from({ length: 10 }, (_, i) => offset + 0.05 * Math.sin(e * 10 + i)));
    const naive = bootstrapMedian(groups.flat(), { seed: 5 });
    const clustered = clusteredBootstrapMedian(groups, { seed: 5 });
    expect(clustered.median).toBe(naive.median);
    expect(clustered.clusters).toBe(6);
    expect(clustered.high - clustered.low).toBeGreaterThan(2 * (naive.high - naive.low));
    expect(clustered.low).toBeLessThanOrEqual(-1);
    expect(clustered.high).toBeGreaterThanOrEqual(1);
    // One value per cluster is the plain bootstrap.
    expect(clusteredBootstrapMedian([[1], [4], [2], [8]], { seed: 2 })).toEqual({ ...bootstrapMedian([1, 4, 2, 8], { seed: 2 }), clusters: 4 });
  });

  it('turns log-ratios into percent', () => {
    const pct = asPercent({ median: Math.log(1.03), low: Math.log(0.99), high: Math.log(1.05), level: 0.95, samples: 9 });
    expect(pct.median).toBeCloseTo(3, 10);
    expect(pct.low).toBeCloseTo(-1, 10);
    expect(pct.high).toBeCloseTo(5, 10);
  });
});
