import type { PrometheusClient, Sample } from '../../stack/launcher/prometheus-client.ts';
import { waitFor } from './wait.ts';

/** Seconds between consecutive stored samples, from Prometheus's own timestamps. */
export function spacings(sample: Sample): number[] {
  const times = sample.values.map(([t]) => t);
  return times.slice(1).map((t, i) => Number((t - times[i]!).toFixed(3)));
}

export interface JobScrapes {
  job: string;
  instance: string;
  up: number;
  samples: number;
  spacings: number[];
}

/** The stored `up` samples of every job over `window`, with the spacing between them. */
export async function scrapesByJob(prom: PrometheusClient, window: string): Promise<JobScrapes[]> {
  const samples = await prom.rawSamples('up', window);
  return samples.map((s) => ({
    job: s.labels.job ?? '?',
    instance: s.labels.instance ?? '?',
    up: Number(s.values.at(-1)?.[1] ?? 0),
    samples: s.values.length,
    spacings: spacings(s),
  }));
}

/**
 * Waits until every expected job has at least `minSamples` stored `up` samples (so at least
 * minSamples - 1 spacings can be read), then returns them.
 */
export async function waitForScrapes(
  prom: PrometheusClient,
  jobs: string[],
  options: { minSamples: number; window: string; timeoutMs: number; onProgress?: (line: string) => void },
): Promise<JobScrapes[]> {
  let latest: JobScrapes[] = [];
  return waitFor(
    `${options.minSamples} stored scrapes of each of ${jobs.length} jobs`,
    async () => {
      latest = await scrapesByJob(prom, options.window);
      const ready = jobs.every((job) => latest.some((s) => s.job === job && s.samples >= options.minSamples));
      return ready ? latest : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 2_000,
      onProgress: options.onProgress,
      describe: () => {
        const counts = jobs.map((job) => `${job}:${latest.find((s) => s.job === job)?.samples ?? 0}`);
        return `samples per job ${counts.join(' ')}`;
      },
    },
  );
}

