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
  it('split into start-up, under-load and quiet (after the load settled) scrapes, warm-up discarded', async () => {
    const [suna] = await scrapeDurations(prom, ['suna', 'absent'], 450, { fromMs: 1_100_000, toMs: 1_200_000 });
    // Scrapes at 1000..1435 s: 1000 and 1015 are the warm-up; 1030..1090 before the load (5);
    // 1105..1225 during it and its settling (9); 1240..1435 after (14).
    expect(suna?.startUp).toEqual({ samples: 5, p95Ms: 2, maxMs: 2 });
    expect(suna?.underLoad).toEqual({ samples: 9, p95Ms: 20, maxMs: 20 });
    expect(suna?.quiet).toEqual({ samples: 14, p95Ms: 2, maxMs: 2 });
  });

  it('never judges a slow start-up as the steady state', async () => {
    const coldStart = stored.map(([at, v], i) => [at, i < 8 ? '0.05' : v] as [number, string]);
    const cold = { rawSamples: async () => [{ labels: { job: 'suna' }, values: coldStart }] } as unknown as PrometheusClient;
    const [suna] = await scrapeDurations(cold, ['suna'], 450, { fromMs: 1_100_000, toMs: 1_200_000 });
    expect(suna?.startUp?.p95Ms).toBe(50);
    expect(suna?.quiet?.p95Ms).toBe(2);
  });

  it('are all quiet without a load window, and a job with no samples is left out', async () => {
    const result = await scrapeDurations(prom, ['suna', 'absent'], 450);
    expect(result.map((r) => r.job)).toEqual(['suna']);
    expect(result[0]?.quiet?.samples).toBe(30 - WARMUP_SCRAPES);
    expect(result[0]?.underLoad).toBeNull();
    expect(result[0]?.startUp).toBeNull();
  });

  it('with a goal, counts the quiet scrapes over it and those slow along with two other targets', async () => {
    const at = (i: number) => 2000 + 15 * i;
    const job = (name: string, offset: number, slow: number[]) => ({
      labels: { job: name, instance: `${name}:1` },
      values: Array.from({ length: 22 }, (_, i) => [at(i) + offset, slow.includes(i) ? '0.03' : '0.002'] as [number, string]),
    });
    const stalls = { rawSamples: async () => [job('redis', 0, [5, 12]), job('supabase', 1, [5]), job('blackbox', 2, [5])] } as unknown as PrometheusClient;
    const [redis] = await scrapeDurations(stalls, ['redis'], 400, undefined, 10);
    expect(redis?.quiet?.stalls).toEqual({ overGoal: 2, alongsideOtherTargets: 1 });
    const [without] = await scrapeDurations(stalls, ['redis'], 400);
    expect(without?.quiet?.stalls).toBeUndefined();
  });
});
