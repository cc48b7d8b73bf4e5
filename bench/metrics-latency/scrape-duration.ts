import type { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { sharedStalls, slowScrapes, type SharedStalls } from './shared-stalls.ts';
import { percentile } from './stats.ts';

export interface ScrapeFigures {
  /** Stored scrape_duration_seconds samples in the window. */
  samples: number;
  p95Ms: number;
  maxMs: number;
  /** Quiet scrapes only, when a goal was given: how many reached it, and how many of those stalled along with other targets. */
  stalls?: SharedStalls;
}

export interface ScrapeDurations {
  job: string;
  /**
   * Scrapes that started after the bench's load had settled (every scrape after the warm-up when
   * there was no load): the steady state, the figure AC 9.1.3 is judged on.
   */
  quiet: ScrapeFigures | null;
  /** Scrapes that started while the bench loaded the stack (reported, not judged). */
  underLoad: ScrapeFigures | null;
  /**
   * Scrapes that started before the bench: the stack's first minutes, while its processes are cold
   * and verify's other checks run (reported, not judged).
   */
  startUp: ScrapeFigures | null;
}

/** When the bench loaded the stack, unix milliseconds (LOAD_SETTLE_MS after it count as load too). */
export interface LoadWindow {
  fromMs: number;
  toMs: number;
}

/** The first scrapes of a fresh process (cold caches, JIT, first connection) are its warm-up, as on the host side. */
export const WARMUP_SCRAPES = 2;

/**
 * Scrapes that start this long after the load are still counted under load: a server flooded by the
 * closed-loop run may still be working off queued requests (postgres_exporter's quiet scrapes right
 * after it read 130 ms).
 */
export const LOAD_SETTLE_MS = 30_000;

/**
 * Quiet scrapes the bench waits for after its load: 5 minutes of them, the window the issue's own
 * Prometheus figures were taken over. The nearest-rank p95 of n samples is their largest while n < 20,
 * so with fewer the "p95" judged was one worst scrape (the maximum is reported beside it).
 */
export const MIN_QUIET_SCRAPES = 20;

function figures(ms: number[]): ScrapeFigures | null {
  return ms.length === 0 ? null : { samples: ms.length, p95Ms: percentile(ms, 95), maxMs: Math.max(...ms) };
}

/**
 * Prometheus's own view from inside the stack network: the stored scrape_duration_seconds of each
 * job over the window, read raw so that the p95 and the sample count are ours, not PromQL's, and
 * split by when the scrape started: before the bench, during its load, or after it settled.
 * Prometheus 2.42 times a scrape up to the end of its own parse and append, so while the bench keeps
 * the 2 cores busy a starved Prometheus inflates every target's figure; and before the bench, the
 * stack's processes are minutes old (a Node stub's metrics path is not yet optimised by the JIT)
 * while verify's other checks run. The quiet scrapes after the load are the steady state, as a
 * long-running service is scraped.
 */
export async function scrapeDurations(
  prom: PrometheusClient,
  jobs: string[],
  windowSeconds: number,
  load?: LoadWindow,
  goalMs?: number,
): Promise<ScrapeDurations[]> {
  const stored = await prom.rawSamples('scrape_duration_seconds', `${Math.max(15, Math.ceil(windowSeconds))}s`);
  const phase = (atSeconds: number): 'startUp' | 'underLoad' | 'quiet' => {
    if (load === undefined || atSeconds * 1000 > load.toMs + LOAD_SETTLE_MS) return 'quiet';
    return atSeconds * 1000 < load.fromMs ? 'startUp' : 'underLoad';
  };
  // Every target's quiet scrapes (blackbox probes included), to tell a job's own slow scrape from a shared stall.
  const quietSeries = stored.map((s) => ({
    job: s.labels.job,
    key: `${s.labels.job}/${s.labels.instance ?? ''}`,
    scrapes: s.values
      .slice(WARMUP_SCRAPES)
      .filter(([at]) => phase(at) === 'quiet')
      .map(([at, v]) => [at, Number(v) * 1000] as [number, number]),
  }));
  const slow = slowScrapes(quietSeries);
  return jobs.flatMap((job) => {
    const values = stored.filter((s) => s.labels.job === job).flatMap((s) => s.values.slice(WARMUP_SCRAPES));
    if (values.length === 0) return [];
    const of = (wanted: ReturnType<typeof phase>) => figures(values.filter(([at]) => phase(at) === wanted).map(([, v]) => Number(v) * 1000));
    const quiet = of('quiet');
    const own = quietSeries.filter((s) => s.job === job);
    return [
      {
        job,
        quiet: quiet && goalMs !== undefined ? { ...quiet, stalls: sharedStalls(own, slow, goalMs) } : quiet,
        underLoad: of('underLoad'),
        startUp: of('startUp'),
      },
    ];
  });
}
