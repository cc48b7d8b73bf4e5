import { describe, expect, it } from 'vitest';
import { sharedStalls, slowScrapes, type ScrapeSeries } from '../../../bench/metrics-latency/shared-stalls.ts';

// Three targets scraped every 15 s from t=0 with offsets; 2 ms each, except where a test says otherwise.
function target(key: string, offsetS: number, slow: Record<number, number> = {}): ScrapeSeries {
  return { key, scrapes: Array.from({ length: 20 }, (_, i) => [offsetS + 15 * i, slow[i] ?? 2] as [number, number]) };
}

describe('shared stalls', () => {
  it('finds slow scrapes against each target’s own median (twice it and 4 ms more)', () => {
    const slow = slowScrapes([target('a', 0, { 3: 12, 4: 5.9 }), target('b', 1, { 7: 6.1 })]);
    expect(slow).toEqual([
      { key: 'a', atS: 45 },
      { key: 'b', atS: 106 },
    ]);
  });

  it('counts a slow scrape as shared only when two other targets were slow within 3 s', () => {
    const own = target('redis', 0, { 3: 18, 10: 25, 15: 30 });
    const series = [
      own,
      target('supabase', 2, { 3: 40 }), // 2 s after redis's 4th scrape
      target('litellm', -1, { 3: 33, 10: 20 }), // 1 s before the 4th, and the 11th
      target('qdrant', 4, { 10: 20 }), // 4 s after the 11th: outside the window
    ];
    const result = sharedStalls([own], slowScrapes(series), 10);
    expect(result).toEqual({ overGoal: 3, alongsideOtherTargets: 1 });
  });

  it('never counts the job’s own other instances as other targets', () => {
    const a = target('node/a', 0, { 5: 20 });
    const b = target('node/b', 1, { 5: 20 });
    const c = target('node/c', 2, { 5: 20 });
    expect(sharedStalls([a, b, c], slowScrapes([a, b, c]), 10)).toEqual({ overGoal: 3, alongsideOtherTargets: 0 });
  });
});
