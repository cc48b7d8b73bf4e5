/**
 * What Prometheus's histogram_quantile (2.42, promql/quantile.go bucketQuantile) returns for
 * observations counted into buckets with these finite upper bounds: find the bucket that holds
 * the rank, interpolate linearly inside it; a rank in +Inf returns the largest finite bound.
 */
export function histogramQuantile(q: number, bounds: readonly number[], observations: readonly number[]): number {
  const cumulative = [...bounds, Infinity].map((upper) => ({ upper, count: observations.filter((o) => o <= upper).length }));
  const total = cumulative.at(-1)!.count;
  if (total === 0 || cumulative.length < 2) return NaN;
  let rank = q * total;
  const b = cumulative.findIndex((bucket) => bucket.count >= rank);
  if (b === cumulative.length - 1) return cumulative[cumulative.length - 2]!.upper;
  if (b === 0 && cumulative[0]!.upper <= 0) return cumulative[0]!.upper;
  let start = 0;
  let count = cumulative[b]!.count;
  if (b > 0) {
    start = cumulative[b - 1]!.upper;
    count -= cumulative[b - 1]!.count;
    rank -= cumulative[b - 1]!.count;
  }
  return start + (cumulative[b]!.upper - start) * (rank / count);
}

/** The bucket `(lower, upper]` a quantile value falls in, for the report ("p95 in (1.5, 2]"). */
export function bucketOf(value: number, bounds: readonly number[]): string {
  const upper = bounds.find((b) => value <= b) ?? Infinity;
  const lower = [...bounds].reverse().find((b) => b < upper) ?? 0;
  return `(${lower}, ${upper === Infinity ? '+Inf' : upper}]`;
}
