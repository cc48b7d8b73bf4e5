import { expect, it } from 'vitest';
import { REPORTED_NOT_CORE } from '../../bench/metrics-latency/endpoints.ts';
import { flattenMetricsLatency } from '../../bench/metrics-latency/result.ts';
import { WARMUP_SCRAPES } from '../../bench/metrics-latency/scrape-duration.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { gatherAc913Evidence } from '../checks/ac-9-1-3.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

// The bench of AC 9.1.3 on the running stack, on a modest sample and with a margin five times the
// goal, so that it proves the bench and the endpoints work without ever flaking. The 10 ms verdict
// itself belongs to `npm run verify` and the gate.
const WIDE_MARGIN_MS = 50;
// Prometheus's figure here is the p95 of only a few quiet stored scrapes (in effect their max) and
// includes its own parse and append under its CPU cap: one reached 54 ms while another stack ran
// beside this one. The criterion itself (10 ms) is judged by verify, not here.
const PROMETHEUS_MARGIN_MS = 150;

describeOnStack('Metrics latency bench (AC 9.1.3) on the running stack, wide margin', (stack) => {
  it(`times the endpoints of the six core services, node-exporter and Prometheus both ways; core endpoints answer at p95 < ${WIDE_MARGIN_MS} ms from the host and < ${PROMETHEUS_MARGIN_MS} ms by Prometheus`, async () => {
    const prom = prometheusClient(stack);
    const covered = stack.services.filter((s) => s.coreService !== undefined || REPORTED_NOT_CORE.includes(s.name));
    const jobs = covered.flatMap((s) => (s.scrapeJob ? [s.scrapeJob] : []));
    await waitFor(
      `${WARMUP_SCRAPES + 2} stored scrapes of each of ${jobs.length} jobs`,
      async () => {
        const counts = await prom.instant('count_over_time(scrape_duration_seconds[5m])');
        return jobs.every((job) => (counts.find((c) => c.labels.job === job)?.value ?? 0) >= WARMUP_SCRAPES + 2) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 3_000 },
    );
    const result = await gatherAc913Evidence(stack, {
      paced: { requests: 200, warmup: 20, slotMs: 1.5, runs: 2 },
      closedLoop: { concurrency: 8, requests: 200, maxMs: 1_000 },
      // Two scrapes after the load settled (about a minute); verify waits for MIN_QUIET_SCRAPES.
      minQuietScrapes: 2,
      wakeProbe: { seconds: 2, sleepMs: 1, lateThresholdsMs: [5] },
    });

    expect(result.endpoints.map((e) => e.job).sort()).toEqual([...jobs].sort());
    for (const e of result.endpoints) {
      expect(e.metrics.errors, `${e.name}: ${e.metrics.firstError}`).toBe(0);
      expect(e.metrics.pooled.count, e.name).toBe(400);
      expect(e.series, `${e.name} serves series`).toBeGreaterThan(10);
      expect(e.prometheus?.samples ?? 0, `${e.name}: stored scrape durations`).toBeGreaterThanOrEqual(2);
      if (!e.core) continue;
      expect(e.metrics.p95Median, `${e.name} host p95`).toBeLessThan(WIDE_MARGIN_MS);
      expect(e.prometheus!.p95Ms, `${e.name} Prometheus p95`).toBeLessThan(PROMETHEUS_MARGIN_MS);
    }
    expect(result.machineWakeLatency?.cpus.every((c) => c.wakeups > 100), 'the machine wake-up probe ran on every CPU').toBe(true);
    const keys = flattenMetricsLatency(result).map((l) => l.key);
    for (const e of result.endpoints) {
      expect(keys).toContain(`metrics_latency.p95_ms{endpoint=${e.name},method=host}`);
      expect(keys).toContain(`metrics_latency.p95_ms{endpoint=${e.name},method=prometheus}`);
    }
    // The bench, then the settling and two scrapes after the load: more than the default 180 s on a busy machine.
  }, 360_000);
});
