// Statistics of the overhead bench: the median and a percentile bootstrap interval of it.
// The generator is seeded, so the same data give the same interval.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** mulberry32: small, fast, good enough for resampling. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Estimate {
  median: number;
  low: number;
  high: number;
  level: number;
  samples: number;
}

export function bootstrapMedian(values: readonly number[], options: { resamples?: number; level?: number; seed?: number } = {}): Estimate {
  const resamples = options.resamples ?? 5000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const medians = new Float64Array(resamples);
  const draw = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) draw[i] = values[Math.floor(random() * values.length)]!;
    medians[r] = median(draw);
  }
  medians.sort();
  const at = (q: number) => medians[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return { median: median(values), low: at((1 - level) / 2), high: at(1 - (1 - level) / 2), level, samples: values.length };
}

/** A log-ratio estimate as percent change: exp(x) - 1. */
export function asPercent(e: Estimate): Estimate {
  const pct = (x: number) => (Math.exp(x) - 1) * 100;
  return { ...e, median: pct(e.median), low: pct(e.low), high: pct(e.high) };
}
