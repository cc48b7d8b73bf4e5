import { describe, expect, it } from 'vitest';
import { LOAD_SETTLE_MS, scrapeDurations, WARMUP_SCRAPES } from '../../../bench/metrics-latency/scrape-duration.ts';
import type { PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';

// Stored scrape durations of one job: one scrape every 15 s from t=1000 s; 2 ms each, except 20 ms
// for those that started between t=1100 s and t=1200 s + the settling time (the bench's load).
const stored = Array.from({ length: 30 }, (_, i) => {
  const at = 1000 + 15 * i;
  return [at, String(at >= 1100 && at <= 1200 + LOAD_SETTLE_MS / 1000 ? 0.02 : 0.002)] as [number, string];
});
const prom = { rawSamples: async () => [{ labels: { job: 'suna' }, values: stored }] } as unknown as PrometheusClient;

describe("Prometheus's scrape durations", () => {
  it('split into quiet scrapes and those that started during the load, warm-up discarded', async () => {
    const [suna] = await scrapeDurations(prom, ['suna', 'absent'], 450, { fromMs: 1_100_000, toMs: 1_200_000 });
    expect(suna?.underLoad).toEqual({ samples: 9, p95Ms: 20, maxMs: 20 });
    expect(suna?.quiet).toEqual({ samples: 30 - WARMUP_SCRAPES - 9, p95Ms: 2, maxMs: 2 });
  });

  it('are all quiet without a load window, and a job with no samples is left out', async () => {
    const result = await scrapeDurations(prom, ['suna', 'absent'], 450);
    expect(result.map((r) => r.job)).toEqual(['suna']);
    expect(result[0]?.quiet?.samples).toBe(30 - WARMUP_SCRAPES);
    expect(result[0]?.underLoad).toBeNull();
  });
});
