// Which of a job's slow scrapes were slow together with other targets' scrapes. On this VM the
// idle stack's slow scrapes sometimes come in groups: 5 and 7 targets within 3 s, each two to ten
// times its usual duration, with the machine otherwise idle (README, "The stubs' runtime"). Such a
// scrape tells of a stall of Prometheus or the machine, not of the service scraped; the report says
// how many of an endpoint's scrapes over the goal were of that kind (the verdict does not change).

import { median } from './stats.ts';

/** One stored series of scrape_duration_seconds: [unix seconds, milliseconds] per scrape. */
export interface ScrapeSeries {
  /** Identifies the target: job and instance. */
  key: string;
  scrapes: [number, number][];
}

/** Slow scrapes of other targets closer than this to a scrape count as the same moment. */
export const SHARED_STALL_WINDOW_S = 3;
/** A moment is shared when at least this many other targets had a slow scrape in the window. */
export const SHARED_STALL_MIN_OTHERS = 2;

/** Slow for its target: more than twice its median and 4 ms more (one scrape's noise is not a stall). */
function isSlow(ms: number, medianMs: number): boolean {
  return ms > 2 * medianMs && ms > medianMs + 4;
}

/** The start time of every slow scrape of every target, with the target's key. */
export function slowScrapes(series: ScrapeSeries[]): { key: string; atS: number }[] {
  return series.flatMap((s) => {
    if (s.scrapes.length === 0) return [];
    const m = median(s.scrapes.map(([, ms]) => ms));
    return s.scrapes.filter(([, ms]) => isSlow(ms, m)).map(([atS]) => ({ key: s.key, atS }));
  });
}

export interface SharedStalls {
  /** Scrapes of the job that took the goal or longer. */
  overGoal: number;
  /** Of those, the ones with slow scrapes of SHARED_STALL_MIN_OTHERS or more other targets within the window. */
  alongsideOtherTargets: number;
}

/** Counts the given scrapes over the goal, and those of them that stalled along with other targets. */
export function sharedStalls(own: ScrapeSeries[], slow: { key: string; atS: number }[], goalMs: number): SharedStalls {
  const ownKeys = new Set(own.map((s) => s.key));
  let overGoal = 0;
  let alongsideOtherTargets = 0;
  for (const [atS, ms] of own.flatMap((s) => s.scrapes)) {
    if (ms < goalMs) continue;
    overGoal += 1;
    const others = new Set(slow.filter((s) => !ownKeys.has(s.key) && Math.abs(s.atS - atS) <= SHARED_STALL_WINDOW_S).map((s) => s.key));
    if (others.size >= SHARED_STALL_MIN_OTHERS) alongsideOtherTargets += 1;
  }
  return { overGoal, alongsideOtherTargets };
}
