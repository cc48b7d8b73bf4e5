import { asPercent, median, medianOfGroupMedians, type Estimate } from './stats.ts';

// Crossover rounds of paired blocks. Two processes P and Q of the same build run side by side; a
// block loads both AT THE SAME TIME with the same fixed number of requests, and returns each one's
// CPU per request. A round is two blocks: P runs condition A and Q condition B, then P runs B and Q
// A, so each process sees both conditions (ABBA across the pair). Why both pairings:
// - in time: on this 2-core machine other work swings the CPU cost of a request by up to 2.5x
//   within seconds (measured with sequential A, B, B, A blocks); only blocks run together see the
//   same swings;
// - between processes: two processes of the same build differ by a few % in CPU per request for as
//   long as they live (an A/A control with one process per side, one pair for a whole run: -3.8 %
//   [-6.0, -1.5] in one run, +0.9 % [+0.5, +2.1] in another). With each process measured both ways,
//   its own factor is in both A and B of the round's ratio and cancels.
// A round gives one paired log-ratio ln(B/A) and one paired difference B - A. Rounds come in epochs
// (the same processes throughout one epoch, fresh ones in the next); the epoch is the independent
// unit: the estimate is the median of the epochs' medians, with the order-statistic interval over
// epochs (stats.ts says why not a bootstrap).

export interface Round {
  /** Condition A's cost per request: on P in the first block, on Q in the second. */
  a: [number, number];
  /** Condition B's: on Q in the first block, on P in the second. */
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

/**
 * One crossover round: `measureBlock(pConditions, qConditions)` runs one block with P under the first
 * condition and Q under the second, and returns [P's cost, Q's cost].
 */
export async function crossoverRound<C>(a: C, b: C, measureBlock: (p: C, q: C) => Promise<[number, number]>, epoch?: number): Promise<Round> {
  const [a1, b1] = await measureBlock(a, b);
  const [b2, a2] = await measureBlock(b, a);
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
