import { asPercent, median, medianOfGroupMedians, type Estimate } from './stats.ts';

// Paired blocks in ABBA order. A block loads both sides AT THE SAME TIME with the same fixed
// number of requests, and `measureTogether` returns each side's CPU per request: on this 2-core
// machine other work swings the CPU cost of a request by up to 2.5x within seconds (measured
// with sequential A, B, B, A blocks), and only blocks paired in time see the same swings. A round
// is two blocks, A issued first then B issued first, so that neither side always starts ahead.
// A round gives one paired log-ratio ln(B/A) and one paired difference B - A. Rounds come in epochs
// (the same container processes throughout one epoch, fresh ones in the next): two processes of the
// same build differ by a few % in CPU per request for as long as they live (measured: an A/A control
// at -3.8 % [-6.0, -1.5] in one run, +0.9 % [+0.5, +2.1] in another), so the epoch is the
// independent unit: the estimate is the median of the epochs' medians, with the order-statistic
// interval over epochs (stats.ts says why not a bootstrap), and the processes' own difference is part
// of its width instead of a hidden bias.

export interface Round {
  a: [number, number];
  b: [number, number];
  /** Which processes measured it: rounds of the same epoch share them. */
  epoch?: number;
}

export interface PairEstimate {
  /** (B / A - 1) in %, from the paired log-ratios (median of the epochs' medians, and its interval). */
  relativePct: Estimate;
  /** B - A in the unit `measure` returns, the same way from the paired differences. */
  difference: Estimate;
  /** A's cost per request (median over rounds). */
  baseline: number;
  rounds: Round[];
}

export async function abbaRound<S>(a: S, b: S, measureTogether: (first: S, second: S) => Promise<[number, number]>, epoch?: number): Promise<Round> {
  const [a1, b1] = await measureTogether(a, b);
  const [b2, a2] = await measureTogether(b, a);
  return { a: [a1, a2], b: [b1, b2], ...(epoch === undefined ? {} : { epoch }) };
}

/** The rounds' values grouped by epoch; a round without an epoch is a group of its own. */
function byEpoch(rounds: Round[], value: (r: Round) => number): number[][] {
  const groups = new Map<number | Round, number[]>();
  for (const r of rounds) {
    const key = r.epoch ?? r;
    groups.set(key, [...(groups.get(key) ?? []), value(r)]);
  }
  return [...groups.values()];
}

export function estimatePair(rounds: Round[]): PairEstimate {
  const ratio = (r: Round) => Math.log((r.b[0] + r.b[1]) / (r.a[0] + r.a[1]));
  const difference = (r: Round) => (r.b[0] + r.b[1] - r.a[0] - r.a[1]) / 2;
  return {
    relativePct: asPercent(medianOfGroupMedians(byEpoch(rounds, ratio))),
    difference: medianOfGroupMedians(byEpoch(rounds, difference)),
    baseline: median(rounds.map((r) => (r.a[0] + r.a[1]) / 2)),
    rounds,
  };
}

export const halfWidth = (e: Estimate) => (e.high - e.low) / 2;
export const containsZero = (e: Estimate) => e.low <= 0 && e.high >= 0;
