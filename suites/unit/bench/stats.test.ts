import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../bench/metrics-latency/stats.ts';
import { asPercent, bootstrapMedian, clusteredBootstrapMedian, median, medianOfGroupMedians, orderStatisticMedian } from '../../../bench/overhead/stats.ts';

describe('overhead statistics', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/empty sample/);
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

  it('takes the order statistics of the sign test for the median', () => {
    const ranks = (n: number) => Array.from({ length: n }, (_, i) => n - i); // given unsorted
    // Textbook values: n = 11 -> 2nd to 10th (98.8 %), 12 -> 3rd to 10th (96.1 %), 30 -> 10th to 21st (95.7 %).
    expect(orderStatisticMedian(ranks(11))).toMatchObject({ median: 6, low: 2, high: 10, samples: 11 });
    expect(orderStatisticMedian(ranks(11)).level).toBeCloseTo(1 - (2 * 12) / 2048, 10);
    expect(orderStatisticMedian(ranks(12))).toMatchObject({ low: 3, high: 10 });
    expect(orderStatisticMedian(ranks(30))).toMatchObject({ low: 10, high: 21 });
    // Too few values for 95 %: the whole range, with the coverage it does have.
    expect(orderStatisticMedian(ranks(5))).toMatchObject({ low: 1, high: 5, level: 1 - 2 / 32 });
    // Large n (2^-n underflows): the normal approximation's k is about n/2 - 1.96 sqrt(n)/2 = 956.
    const large = orderStatisticMedian(ranks(2000));
    expect(large.low).toBeGreaterThan(950);
    expect(large.low).toBeLessThan(960);
    expect(large.high).toBe(2001 - large.low);
    expect(() => orderStatisticMedian([])).toThrow(/no values/);
  });

  it('holds its coverage on skewed data: the true median is outside in at most 5 % of samples', () => {
    const random = seededRandom(11);
    const trueMedian = Math.log(2); // exponential(1)
    let misses = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const e = orderStatisticMedian(Array.from({ length: 15 }, () => -Math.log(1 - random())));
      if (e.low > trueMedian || e.high < trueMedian) misses++;
    }
    expect(misses / trials).toBeLessThanOrEqual(0.05);
    expect(misses / trials).toBeGreaterThan(0.005); // an interval, not the whole line
  });

  it('treats each group as one unit: a shared offset per group widens the interval over the true 0', () => {
    const offsets = [-2, 1.5, -1, 2.5, -1.5, 1, 2, -2.5, 0.5, -0.5, 1.2];
    const groups = offsets.map((o, g) => Array.from({ length: 6 }, (_, i) => o + 0.01 * ((i * 7 + g) % 5)));
    const e = medianOfGroupMedians(groups);
    expect(e.clusters).toBe(11);
    expect(e.samples).toBe(66);
    expect(e.low).toBeLessThan(0);
    expect(e.high).toBeGreaterThan(0);
    const pooled = orderStatisticMedian(groups.flat());
    expect(e.high - e.low).toBeGreaterThan(pooled.high - pooled.low);
  });

  it('turns log-ratios into percent', () => {
    const pct = asPercent({ median: Math.log(1.03), low: Math.log(0.99), high: Math.log(1.05), level: 0.95, samples: 9 });
    expect(pct.median).toBeCloseTo(3, 10);
    expect(pct.low).toBeCloseTo(-1, 10);
    expect(pct.high).toBeCloseTo(5, 10);
  });
});
