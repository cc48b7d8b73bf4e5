import type { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { percentile } from './stats.ts';

export interface ScrapeDurations {
  job: string;
  /** Stored scrape_duration_seconds samples in the window, in ms. */
  samples: number;
  p95Ms: number;
  maxMs: number;
}

/** The first scrapes of a fresh process (cold caches, JIT, first connection) are its warm-up, as on the host side. */
export const WARMUP_SCRAPES = 2;

/**
 * Prometheus's own view from inside the stack network: the stored scrape_duration_seconds of each
 * job over the window, read raw so that the p95 and the sample count are ours, not PromQL's.
 */
export async function scrapeDurations(prom: PrometheusClient, jobs: string[], windowSeconds: number): Promise<ScrapeDurations[]> {
  const stored = await prom.rawSamples('scrape_duration_seconds', `${Math.max(15, Math.ceil(windowSeconds))}s`);
  return jobs.flatMap((job) => {
    const values = stored
      .filter((s) => s.labels.job === job)
      .flatMap((s) => s.values.slice(WARMUP_SCRAPES).map(([, v]) => Number(v) * 1000));
    if (values.length === 0) return [];
    return [{ job, samples: values.length, p95Ms: percentile(values, 95), maxMs: Math.max(...values) }];
  });
}
