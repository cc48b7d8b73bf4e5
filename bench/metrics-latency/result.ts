import { z } from 'zod';
import { metricLine } from '../report/lines.ts';
import type { MetricLine } from '../report/schema.ts';
import { LOAD_SETTLE_MS, WARMUP_SCRAPES } from './scrape-duration.ts';
import { WakeLatency } from './wake-latency.ts';

// The full result of one metrics latency bench, typed, and its flat lines for reports and the gate.

export const GOAL_P95_MS = 10;
/** The stubs imitate our own Node services: a metrics page of a few hundred lines should cost ~1 ms. */
export const STUB_GOAL_P95_MS = 2;

const Summary = z.object({ count: z.number().int(), p50: z.number(), p95: z.number(), p99: z.number(), max: z.number() });
const Interval = z.object({ low: z.number(), high: z.number() });

/** Paced runs of one URL: each run's summary, and the median of the run p95s with its bootstrap interval. */
const PacedSeries = z.object({
  runs: z.array(Summary),
  p95Median: z.number(),
  p95Interval: Interval,
  pooled: Summary,
  errors: z.number().int(),
  firstError: z.string().optional(),
});

const ScrapeFigures = z.object({
  samples: z.number().int(),
  p95Ms: z.number(),
  maxMs: z.number(),
  /** Quiet scrapes at or over the goal, and how many of those stalled along with other targets (bench/metrics-latency/shared-stalls.ts). */
  stalls: z.object({ overGoal: z.number().int(), alongsideOtherTargets: z.number().int() }).optional(),
});

export const EndpointLatency = z.object({
  name: z.string(),
  job: z.string().optional(),
  core: z.boolean(),
  url: z.string(),
  floorUrl: z.string(),
  metrics: PacedSeries,
  floor: PacedSeries,
  /** metrics p95 median / floor p95 median: what the metrics page costs beyond any request. */
  ratioToFloor: z.number(),
  bytes: z.number().int(),
  series: z.number().int(),
  closedLoop: Summary.extend({ concurrency: z.number().int(), errors: z.number().int(), perSecond: z.number() }),
  /** Prometheus's scrape_duration_seconds of scrapes that started outside the bench's load (judged). */
  prometheus: ScrapeFigures.nullable(),
  /** The same of scrapes that started during the bench's load (reported). */
  prometheusUnderLoad: ScrapeFigures.nullable().default(null),
  prometheusStartUp: ScrapeFigures.nullable().default(null),
  /** The container's CFS counters over the paced runs; null where the host's cgroup files are not readable. */
  cpu: z
    .object({ capCpu: z.number().nullable(), usedCpu: z.number(), throttledShare: z.number(), throttledMs: z.number() })
    .nullable(),
});
export type EndpointLatency = z.infer<typeof EndpointLatency>;

export const MetricsLatencyResult = z.object({
  schema: z.literal('onyx-monitoring/metrics-latency@1'),
  startedAt: z.string(),
  durationSeconds: z.number(),
  plan: z.object({
    requests: z.number().int(),
    warmup: z.number().int(),
    slotMs: z.number(),
    /** Between two requests to the same URL, as scheduled and as achieved (slow answers stretch it). */
    intervalMs: z.number(),
    achievedIntervalMs: z.number(),
    runs: z.number().int(),
    closedLoop: z.object({ concurrency: z.number().int(), requests: z.number().int(), maxMs: z.number() }),
    prometheusWindowSeconds: z.number(),
    /** How long the bench loaded the stack (paced and closed-loop runs); scrapes in it are not judged. */
    loadSeconds: z.number().default(0),
  }),
  goalMs: z.number(),
  endpoints: z.array(EndpointLatency),
  /** How late the machine woke sleeping threads right after the quiet scrapes (null: not probed, or a report from before it existed). */
  machineWakeLatency: WakeLatency.nullable().default(null),
});
export type MetricsLatencyResult = z.infer<typeof MetricsLatencyResult>;

const ms = (v: number) => v.toFixed(2);

export function pacedHow(r: MetricsLatencyResult, e: EndpointLatency): string {
  const { plan } = r;
  return (
    `${plan.requests} requests paced ${plan.intervalMs} ms (achieved ${plan.achievedIntervalMs.toFixed(1)}) on 1 connection, never overlapping another, ` +
    `after ${plan.warmup} discarded, ${plan.runs} runs, ` +
    `median of run p95s, bootstrap 95% CI [${ms(e.metrics.p95Interval.low)}, ${ms(e.metrics.p95Interval.high)}]`
  );
}

/** The report's flat lines: each endpoint's p50/p95/p99 from the host, p95 from Prometheus, floor ratio, closed loop. */
export function flattenMetricsLatency(r: MetricsLatencyResult): MetricLine[] {
  return r.endpoints.flatMap((e) => {
    const host = { endpoint: e.name, method: 'host' };
    const pooled = `pooled over the ${r.plan.runs} runs of ${r.plan.requests} requests paced ${r.plan.intervalMs} ms on 1 connection`;
    const lines = [
      metricLine('metrics_latency.p95_ms', host, e.metrics.p95Median, pacedHow(r, e), e.metrics.p95Interval),
      metricLine('metrics_latency.p50_ms', host, e.metrics.pooled.p50, pooled),
      metricLine('metrics_latency.p99_ms', host, e.metrics.pooled.p99, pooled),
      metricLine(
        'metrics_latency.floor_ratio',
        { endpoint: e.name },
        e.ratioToFloor,
        `host p95 of the metrics path / p95 of ${new URL(e.floorUrl).pathname} on the same server (${ms(e.floor.p95Median)} ms), same runs`,
      ),
      metricLine(
        'metrics_latency.closed_loop_p95_ms',
        { endpoint: e.name, concurrency: String(e.closedLoop.concurrency) },
        e.closedLoop.p95,
        `${e.closedLoop.count} requests closed-loop on ${e.closedLoop.concurrency} connections, ${e.closedLoop.perSecond.toFixed(0)} req/s`,
      ),
    ];
    const load = `the bench's ${r.plan.loadSeconds.toFixed(0)} s of load`;
    const scrapes = [
      { method: 'prometheus', figures: e.prometheus, how: `stored scrape_duration_seconds samples of job ${e.job} that started ${LOAD_SETTLE_MS / 1000} s or more after ${load} (the steady state)` },
      { method: 'prometheus_under_load', figures: e.prometheusUnderLoad, how: `scrapes of job ${e.job} that started during ${load} (reported, not judged)` },
      { method: 'prometheus_start_up', figures: e.prometheusStartUp, how: `scrapes of job ${e.job} before the bench, Prometheus started ${r.plan.prometheusWindowSeconds} s before, first ${WARMUP_SCRAPES} discarded (reported, not judged)` },
    ];
    for (const { method, figures, how } of scrapes) {
      if (figures) lines.push(metricLine('metrics_latency.p95_ms', { endpoint: e.name, method }, figures.p95Ms, `p95 of ${figures.samples} ${how}`));
    }
    if (e.metrics.errors > 0) for (const line of lines) if (line.key.includes('method=host')) line.ok = false;
    return lines;
  });
}
