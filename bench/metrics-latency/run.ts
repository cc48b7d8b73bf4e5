import type { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { runClosedLoop, type ClosedLoopPlan } from './closed-loop.ts';
import { counterDelta, cpuCounters } from './cpu-throttling.ts';
import type { MetricsEndpoint } from './endpoints.ts';
import { perTargetIntervalMs, runPaced, type PacedPlan, type PacedStreamRun } from './paced.ts';
import { GOAL_P95_MS, MetricsLatencyResult, type EndpointLatency } from './result.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { LOAD_SETTLE_MS, MIN_QUIET_SCRAPES, scrapeDurations, type LoadWindow, type ScrapeDurations } from './scrape-duration.ts';
import { bootstrapMedianInterval, median, summarise } from './stats.ts';
import { probeWakeLatency, WAKE_PROBE, type WakeProbePlan } from './wake-latency.ts';

// 16 URLs (8 endpoints and their floors) x 2050 requests x 5 runs x 1.5 ms: about 4 minutes.
export const DEFAULT_PACED_PLAN: PacedPlan = { requests: 2000, warmup: 50, slotMs: 1.5, runs: 5 };
export const DEFAULT_CLOSED_LOOP: ClosedLoopPlan = { concurrency: 8, requests: 2000, maxMs: 3000 };

export interface BenchOptions {
  paced?: PacedPlan;
  closedLoop?: ClosedLoopPlan;
  /** Reads scrape_duration_seconds since Prometheus started; without it the Prometheus column is empty. */
  prometheus?: PrometheusClient;
  /** The CPU cap of each container, to set its measured use beside it. */
  caps?: Record<string, number>;
  /** To know how long MIN_QUIET_SCRAPES take; the stack's own by default. */
  scrapeIntervalSeconds?: number;
  /** Quiet scrapes per job to wait for after the load; MIN_QUIET_SCRAPES by default. */
  minQuietScrapes?: number;
  /**
   * The machine's wake-up latency, probed after the quiet scrapes with the stack idle (WAKE_PROBE by
   * default when Prometheus is read, as its quiet scrapes are what it explains); null skips it.
   */
  wakeProbe?: WakeProbePlan | null;
  log?: (line: string) => void;
}

function pacedSeries(id: string, runs: PacedStreamRun[]) {
  const empty = runs.findIndex((r) => r.ms.length === 0);
  if (empty !== -1) throw new Error(`${id}: no successful response in paced run ${empty + 1} (${runs[empty]!.firstError ?? 'no answer'})`);
  const summaries = runs.map((r) => summarise(r.ms));
  const p95s = summaries.map((s) => s.p95);
  return {
    runs: summaries,
    p95Median: median(p95s),
    p95Interval: bootstrapMedianInterval(p95s),
    pooled: summarise(runs.flatMap((r) => r.ms)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    ...(runs.find((r) => r.firstError) ? { firstError: runs.find((r) => r.firstError)!.firstError } : {}),
  };
}

/**
 * Prometheus's scrape durations split into start-up, under-load and quiet scrapes; when some job has
 * fewer than MIN_QUIET_SCRAPES quiet ones after the load settled, it waits the scrapes it lacks with
 * no load, then reads again.
 */
async function quietScrapeDurations(
  prom: PrometheusClient,
  jobs: string[],
  load: LoadWindow,
  intervalSeconds: number,
  minQuiet: number,
  log: (line: string) => void,
): Promise<{ scraped: ScrapeDurations[]; windowSeconds: number }> {
  let windowSeconds = await prometheusWindowSeconds(prom);
  let scraped = await scrapeDurations(prom, jobs, windowSeconds, load, GOAL_P95_MS);
  const fewest = Math.min(...jobs.map((job) => scraped.find((s) => s.job === job)?.quiet?.samples ?? 0));
  if (fewest < minQuiet) {
    const settleSeconds = Math.max(0, (load.toMs + LOAD_SETTLE_MS - Date.now()) / 1000);
    const waitSeconds = Math.ceil(settleSeconds + (minQuiet - fewest) * intervalSeconds + 2);
    log(`metrics latency: waiting ${waitSeconds} s with no load for ${minQuiet} quiet scrapes of every job by Prometheus (${fewest} stored so far)`);
    await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
    windowSeconds = await prometheusWindowSeconds(prom);
    scraped = await scrapeDurations(prom, jobs, windowSeconds, load, GOAL_P95_MS);
  }
  return { scraped, windowSeconds };
}

async function prometheusWindowSeconds(prom: PrometheusClient): Promise<number> {
  const started = await prom.instant('process_start_time_seconds{job="prometheus"}');
  const at = started[0]?.value;
  return at ? Math.floor(Date.now() / 1000 - at) : 0;
}

/**
 * Times every endpoint and its floor in the same paced runs (all streams side by side, staggered),
 * then each endpoint closed-loop, then reads Prometheus's own scrape durations of the same targets.
 */
export async function runMetricsLatencyBench(endpoints: MetricsEndpoint[], options: BenchOptions = {}): Promise<MetricsLatencyResult> {
  const plan = options.paced ?? DEFAULT_PACED_PLAN;
  const closedPlan = options.closedLoop ?? DEFAULT_CLOSED_LOOP;
  const log = options.log ?? (() => undefined);
  const startedAt = new Date();
  const containers = endpoints.flatMap((e) => (e.container ? [e.container] : []));

  const targets = endpoints.flatMap((e) => [
    { id: `${e.name}:metrics`, url: e.url, authorization: e.authorization },
    { id: `${e.name}:floor`, url: e.floorUrl, authorization: e.authorization, status: e.floorStatus },
  ]);
  const intervalMs = perTargetIntervalMs(plan, targets.length);
  const seconds = Math.round(((plan.warmup + plan.requests) * intervalMs * plan.runs) / 1000);
  log(
    `metrics latency: ${endpoints.length} endpoints and their floors, ${plan.runs} runs of ${plan.requests} requests each, ` +
      `one every ${intervalMs} ms, never two at once (at least ${seconds} s)`,
  );
  const before = await cpuCounters(containers);
  const loadFromMs = Date.now();
  const pacedStarted = performance.now();
  const paced = await runPaced(targets, plan, (run) => log(`metrics latency: paced run ${run}/${plan.runs} done`));
  const pacedMs = performance.now() - pacedStarted;
  const after = await cpuCounters(containers);

  const closed = new Map<string, Awaited<ReturnType<typeof runClosedLoop>>>();
  for (const e of endpoints) closed.set(e.name, await runClosedLoop(e.url, e.authorization, closedPlan));
  log(`metrics latency: closed-loop runs at concurrency ${closedPlan.concurrency} done`);

  const load: LoadWindow = { fromMs: loadFromMs, toMs: Date.now() };

  const jobs = endpoints.flatMap((e) => (e.job ? [e.job] : []));
  const { scraped, windowSeconds } = options.prometheus
    ? await quietScrapeDurations(
        options.prometheus,
        jobs,
        load,
        options.scrapeIntervalSeconds ?? ONYX_STACK.scrapeIntervalSeconds,
        options.minQuietScrapes ?? MIN_QUIET_SCRAPES,
        log,
      )
    : { scraped: [], windowSeconds: 0 };

  const wakePlan = options.wakeProbe === undefined ? (options.prometheus ? WAKE_PROBE : null) : options.wakeProbe;
  if (wakePlan) log(`metrics latency: probing how late this machine wakes a sleeping thread (${wakePlan.seconds} s, one probe per CPU, stack idle)`);
  // A context figure: its failure is logged and leaves it out; it never fails the bench.
  const machineWakeLatency = wakePlan
    ? await probeWakeLatency(wakePlan).catch((error: Error) => {
        log(`metrics latency: the machine probe failed, left out of the report: ${error.message}`);
        return null;
      })
    : null;

  const results: EndpointLatency[] = endpoints.map((e) => {
    const metricsRuns = paced.get(`${e.name}:metrics`)!;
    const metrics = pacedSeries(`${e.name} ${e.url}`, metricsRuns);
    const floor = pacedSeries(`${e.name} floor ${e.floorUrl}`, paced.get(`${e.name}:floor`)!);
    const c = closed.get(e.name)!;
    if (c.ms.length === 0) throw new Error(`${e.name} ${e.url}: no successful response closed-loop (${c.errors} errors)`);
    const cl = summarise(c.ms);
    const b = e.container ? before.get(e.container) : undefined;
    const a = e.container ? after.get(e.container) : undefined;
    const delta = a && b ? counterDelta(b, a) : undefined;
    const prom = scraped.find((s) => s.job === e.job);
    return {
      name: e.name,
      ...(e.job ? { job: e.job } : {}),
      core: e.core,
      url: e.url,
      floorUrl: e.floorUrl,
      metrics,
      floor,
      ratioToFloor: metrics.p95Median / floor.p95Median,
      bytes: metricsRuns.find((r) => r.bytes > 0)?.bytes ?? 0,
      series: metricsRuns.find((r) => r.series > 0)?.series ?? 0,
      closedLoop: { ...cl, concurrency: closedPlan.concurrency, errors: c.errors, perSecond: (c.ms.length / c.elapsedMs) * 1000 },
      prometheus: prom?.quiet ?? null,
      prometheusUnderLoad: prom?.underLoad ?? null,
      prometheusStartUp: prom?.startUp ?? null,
      cpu:
        delta && e.container
          ? {
              capCpu: options.caps?.[e.name] ?? null,
              usedCpu: delta.usageMs / pacedMs,
              throttledShare: delta.periods > 0 ? delta.throttledPeriods / delta.periods : 0,
              throttledMs: delta.throttledMs,
            }
          : null,
    };
  });

  return MetricsLatencyResult.parse({
    schema: 'onyx-monitoring/metrics-latency@1',
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    plan: {
      ...plan,
      intervalMs,
      achievedIntervalMs: pacedMs / (plan.runs * (plan.warmup + plan.requests)),
      closedLoop: closedPlan,
      prometheusWindowSeconds: windowSeconds,
      loadSeconds: (load.toMs - load.fromMs) / 1000,
    },
    goalMs: GOAL_P95_MS,
    endpoints: results,
    machineWakeLatency,
  });
}
