import type { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { percentile } from './stats.ts';

export interface ScrapeFigures {
  /** Stored scrape_duration_seconds samples in the window. */
  samples: number;
  p95Ms: number;
  maxMs: number;
}

export interface ScrapeDurations {
  job: string;
  /** Scrapes that started outside the bench's load: the figure AC 9.1.3 is judged on. */
  quiet: ScrapeFigures | null;
  /** Scrapes that started while the bench loaded the stack (reported, not judged). */
  underLoad: ScrapeFigures | null;
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

/** Fewer quiet scrapes than this and the bench waits for more after its load: a p95 of 3 samples is their maximum. */
export const MIN_QUIET_SCRAPES = 8;

function figures(ms: number[]): ScrapeFigures | null {
  return ms.length === 0 ? null : { samples: ms.length, p95Ms: percentile(ms, 95), maxMs: Math.max(...ms) };
}

/**
 * Prometheus's own view from inside the stack network: the stored scrape_duration_seconds of each
 * job over the window, read raw so that the p95 and the sample count are ours, not PromQL's, and
 * split by whether the scrape started during the bench's load. Prometheus 2.42 times a scrape up to
 * the end of its own parse and append, so while the bench keeps the 2 cores busy a starved
 * Prometheus inflates every target's figure: the quiet scrapes are the endpoint's own.
 */
export async function scrapeDurations(prom: PrometheusClient, jobs: string[], windowSeconds: number, load?: LoadWindow): Promise<ScrapeDurations[]> {
  const stored = await prom.rawSamples('scrape_duration_seconds', `${Math.max(15, Math.ceil(windowSeconds))}s`);
  const during = (atSeconds: number) => load !== undefined && atSeconds * 1000 >= load.fromMs && atSeconds * 1000 <= load.toMs + LOAD_SETTLE_MS;
  return jobs.flatMap((job) => {
    const values = stored.filter((s) => s.labels.job === job).flatMap((s) => s.values.slice(WARMUP_SCRAPES));
    if (values.length === 0) return [];
    const quiet = values.filter(([at]) => !during(at)).map(([, v]) => Number(v) * 1000);
    const underLoad = values.filter(([at]) => during(at)).map(([, v]) => Number(v) * 1000);
    return [{ job, quiet: figures(quiet), underLoad: figures(underLoad) }];
  });
}
