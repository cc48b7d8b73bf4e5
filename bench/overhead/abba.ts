import { asPercent, bootstrapMedian, type Estimate } from './stats.ts';

// Paired blocks in ABBA order. A block loads both sides AT THE SAME TIME with the same fixed
// number of requests, and `measureTogether` returns each side's CPU per request: on this 2-core
// machine other work swings the CPU cost of a request by up to 2.5x within seconds (measured
// with sequential A, B, B, A blocks), and only blocks paired in time see the same swings. A round
// is two blocks, A issued first then B issued first, so that neither side always starts ahead.
// A round gives one paired log-ratio ln(B/A) and one paired difference B - A; the median over
// rounds, with a bootstrap interval, is the estimate.

export interface Round {
  a: [number, number];
  b: [number, number];
}

export interface PairEstimate {
  /** (B / A - 1) in %, median and interval of the paired log-ratios. */
  relativePct: Estimate;
  /** B - A in the unit `measure` returns, median and interval of the paired differences. */
  difference: Estimate;
  /** A's cost per request (median over rounds). */
  baseline: number;
  rounds: Round[];
}

export async function abbaRound<S>(a: S, b: S, measureTogether: (first: S, second: S) => Promise<[number, number]>): Promise<Round> {
  const [a1, b1] = await measureTogether(a, b);
  const [b2, a2] = await measureTogether(b, a);
  return { a: [a1, a2], b: [b1, b2] };
}

export function estimatePair(rounds: Round[]): PairEstimate {
  const ratios = rounds.map((r) => Math.log((r.b[0] + r.b[1]) / (r.a[0] + r.a[1])));
  const differences = rounds.map((r) => (r.b[0] + r.b[1] - r.a[0] - r.a[1]) / 2);
  return {
    relativePct: asPercent(bootstrapMedian(ratios)),
    difference: bootstrapMedian(differences),
    baseline: bootstrapMedian(rounds.map((r) => (r.a[0] + r.a[1]) / 2), { resamples: 1 }).median,
    rounds,
  };
}

export const halfWidth = (e: Estimate) => (e.high - e.low) / 2;
export const containsZero = (e: Estimate) => e.low <= 0 && e.high >= 0;
