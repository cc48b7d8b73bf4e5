// Order statistics and a bootstrap interval for latency samples. Pure functions: the unit tests
// check them on known data.

/** Percentile by linear interpolation between closest ranks (Hyndman-Fan type 7, as numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** A small seeded generator (mulberry32), so that a bootstrap interval is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Percentile bootstrap interval of the median: resample the values with replacement, take each
 * resample's median, and read the (1-level)/2 and (1+level)/2 quantiles of those medians.
 */
export function bootstrapMedianInterval(
  values: readonly number[],
  options: { level?: number; resamples?: number; seed?: number } = {},
): Interval {
  if (values.length === 0) throw new Error('bootstrap of an empty sample');
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 2000;
  const random = seededRandom(options.seed ?? 1);
  const medians: number[] = [];
  const draw = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) draw[i] = values[Math.floor(random() * values.length)]!;
    medians.push(median(draw));
  }
  medians.sort((a, b) => a - b);
  return {
    low: percentileOfSorted(medians, ((1 - level) / 2) * 100),
    high: percentileOfSorted(medians, ((1 + level) / 2) * 100),
  };
}
