import { describe, expect, it } from 'vitest';
import { crossoverRound, containsZero, estimatePair, halfWidth, type Round } from '../../../bench/overhead/abba.ts';

/** A machine whose cost drifts and swings in time (as other load comes and goes), with a true overhead on side B. */
function swingingMachine(overhead: number, noise: (i: number) => number) {
  let block = 0;
  return async (first: 'A' | 'B', second: 'A' | 'B'): Promise<[number, number]> => {
    const load = (1 + 0.01 * block) * (1 + 0.5 * Math.sin(block * 0.7));
    const cost = (side: 'A' | 'B', i: number) => 1000 * load * (side === 'B' ? 1 + overhead : 1) * (1 + noise(2 * block + i));
    block++;
    return [cost(first, 0), cost(second, 1)];
  };
}

async function rounds(count: number, measure: (first: 'A' | 'B', second: 'A' | 'B') => Promise<[number, number]>): Promise<Round[]> {
  const out: Round[] = [];
  for (let i = 0; i < count; i++) out.push(await crossoverRound('A', 'B', measure));
  return out;
}

describe('ABBA paired estimates', () => {
  it('recover a 3 % overhead through a drift and swings of ±50 % in time', async () => {
    const estimate = estimatePair(await rounds(30, swingingMachine(0.03, (i) => 0.01 * Math.sin(i * 2.3))));
    expect(estimate.relativePct.median).toBeGreaterThan(2);
    expect(estimate.relativePct.median).toBeLessThan(4);
    expect(containsZero(estimate.relativePct)).toBe(false);
    expect(halfWidth(estimate.relativePct)).toBeLessThan(1.5);
  });

  it('give an A/A interval that contains 0', async () => {
    const estimate = estimatePair(await rounds(30, swingingMachine(0, (i) => 0.01 * Math.sin(i * 2.3))));
    expect(containsZero(estimate.relativePct)).toBe(true);
    expect(Math.abs(estimate.difference.median)).toBeLessThan(15);
  });

  it('take epochs as units: a per-process offset in each epoch is in the A/A interval, not a bias beside it', () => {
    // Four epochs, each with its own pair of processes whose B side is off by a few % for its whole life.
    const offsets = [0.97, 1.03, 0.98, 1.025];
    const epochRounds: Round[] = offsets.flatMap((ratio, epoch) =>
      Array.from({ length: 8 }, (_, i) => ({ a: [1000, 1000] as [number, number], b: [1000 * ratio * (1 + 0.001 * i), 1000 * ratio] as [number, number], epoch })),
    );
    const grouped = estimatePair(epochRounds);
    const ungrouped = estimatePair(epochRounds.map(({ epoch: _, ...r }) => r));
    expect(grouped.relativePct.clusters).toBe(4);
    expect(containsZero(grouped.relativePct)).toBe(true);
    expect(halfWidth(grouped.relativePct)).toBeGreaterThan(halfWidth(ungrouped.relativePct));
  });

  it('cancel a lasting per-process factor: each process serves both conditions', async () => {
    // P costs 4 % more than Q for every request, whatever the condition; B costs 2 % more than A.
    const factor = { P: 1.04, Q: 1 };
    const cost = (process: 'P' | 'Q', condition: 'A' | 'B') => 1000 * factor[process] * (condition === 'B' ? 1.02 : 1);
    const measured: string[] = [];
    const round = await crossoverRound<'A' | 'B'>('A', 'B', async (p, q) => (measured.push(`P:${p} Q:${q}`), [cost('P', p), cost('Q', q)]));
    expect(measured).toEqual(['P:A Q:B', 'P:B Q:A']);
    expect(round).toEqual({ a: [1040, 1000], b: [1020, 1060.8] });
    const relative = estimatePair(Array.from({ length: 6 }, () => round)).relativePct.median;
    expect(relative).toBeCloseTo(2, 1);
    // Without the swap (P always A, Q always B) the process factor reads as an overhead of about -2 %.
    expect(Math.log(cost('Q', 'B') / cost('P', 'A'))).toBeLessThan(0);
  });
});
