import { stackEndpoints } from '../../bench/metrics-latency/endpoints.ts';
import { STUB_GOAL_P95_MS, pacedHow, type EndpointLatency, type MetricsLatencyResult } from '../../bench/metrics-latency/result.ts';
import { runMetricsLatencyBench, type BenchOptions } from '../../bench/metrics-latency/run.ts';
import { LOAD_SETTLE_MS } from '../../bench/metrics-latency/scrape-duration.ts';
import { SHARED_STALL_MIN_OTHERS, SHARED_STALL_WINDOW_S } from '../../bench/metrics-latency/shared-stalls.ts';
import { describeWakeLatency, type WakeLatency } from '../../bench/metrics-latency/wake-latency.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { STUB_SERVICE_NAMES } from '../../stack/model/stub-services.ts';
import type { AcResult } from './ac-result.ts';

export const AC_913_TITLE = 'every /metrics endpoint answers in < 10 ms at p95';

/** Runs the metrics latency bench on every scraped endpoint of the running stack. */
export function gatherAc913Evidence(info: StackInfo, options: Omit<BenchOptions, 'prometheus' | 'caps'> = {}): Promise<MetricsLatencyResult> {
  return runMetricsLatencyBench(stackEndpoints(info), {
    ...options,
    prometheus: prometheusClient(info),
    caps: Object.fromEntries(info.services.map((s) => [s.name, s.cpu])),
  });
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
/** Below this ratio to its own trivial route, a slow endpoint is slow for reasons other than its page. */
const FLOOR_RATIO_OF_A_COSTLY_PAGE = 1.5;

/**
 * Fast from the host but slow by Prometheus: what the stored scrapes themselves say. Measured
 * (README, "Why Prometheus reads more than the host"): a request 12-15 s after the previous one costs
 * the litellm stub 4-6x the CPU of one 50 ms after it, so while the bench keeps a service busy its
 * scrapes are fast, and the quiet ones, as in production, are not.
 */
function sparseScrapeCause(e: EndpointLatency, goal: number): string | undefined {
  if (!e.prometheus || e.prometheus.p95Ms < goal || !(e.metrics.p95Median < goal)) return undefined;
  const busy = e.prometheusUnderLoad;
  if (busy && busy.p95Ms < e.prometheus.p95Ms) {
    return (
      `a scrape every ${ONYX_STACK.scrapeIntervalSeconds} s finds the service idle and cold: Prometheus's quiet scrapes take ${ms(e.prometheus.p95Ms)} at p95, ` +
      `its scrapes while the bench kept the service busy ${ms(busy.p95Ms)}, and the host's dense requests ${ms(e.metrics.p95Median)}`
    );
  }
  return `only Prometheus reads it slow (${ms(e.prometheus.p95Ms)} against the host's ${ms(e.metrics.p95Median)}): Prometheus's own parse and append, or a cold scrape`;
}

/** A wake-up this late counts: half the 10 ms goal, enough to push a typical 4-8 ms quiet scrape over it. */
const LATE_WAKE_MS = 5;

/** How many of the slow quiet scrapes were slow together with other targets: a stall shared by all, not this service's own. */
function sharedStallCause(e: EndpointLatency, goal: number, machine: WakeLatency | null): string | undefined {
  const stalls = e.prometheus?.stalls;
  if (!stalls || stalls.overGoal === 0 || !(e.prometheus!.p95Ms >= goal)) return undefined;
  const { overGoal, alongsideOtherTargets: shared } = stalls;
  return shared === 0
    ? `none of its ${overGoal} quiet scrapes of ${goal} ms or more came with slow scrapes of other targets (its own slowness)`
    : `${shared} of its ${overGoal} quiet scrapes of ${goal} ms or more came within ${SHARED_STALL_WINDOW_S} s of slow scrapes of ` +
        `${SHARED_STALL_MIN_OTHERS} or more other targets (a stall of Prometheus or of the machine, not of this service alone)` +
        (machine ? `; the machine in the same run, idle: ${describeWakeLatency(machine, LATE_WAKE_MS)}` : '');
}

/** What the bench saw that explains a slow endpoint: CPU throttling, the page's own cost, or a slow path. */
function likelyCause(e: EndpointLatency, goal: number, machine: WakeLatency | null): string {
  const causes: string[] = [];
  const shared = sharedStallCause(e, goal, machine);
  if (shared) causes.push(shared);
  const sparse = sparseScrapeCause(e, goal);
  if (e.cpu && e.cpu.throttledShare >= 0.05) {
    causes.push(
      `CPU-throttled in ${(e.cpu.throttledShare * 100).toFixed(0)}% of CFS periods (used ${e.cpu.usedCpu.toFixed(3)} of a ${e.cpu.capCpu ?? '?'} CPU cap)`,
    );
  }
  if (sparse) {
    causes.push(sparse);
  } else if (e.ratioToFloor >= FLOOR_RATIO_OF_A_COSTLY_PAGE) {
    causes.push(`the metrics page costs ${e.ratioToFloor.toFixed(1)}x the trivial route (${ms(e.floor.p95Median)}; ${e.series} series, ${e.bytes} bytes)`);
  } else {
    causes.push(`even its trivial route ${new URL(e.floorUrl).pathname} takes ${ms(e.floor.p95Median)} at p95: the server or the path is slow, not the page`);
  }
  return causes.join('; ');
}

function problemsOf(e: EndpointLatency, goal: number): string[] {
  const problems: string[] = [];
  if (e.metrics.errors > 0) problems.push(`${e.metrics.errors} failed requests (${e.metrics.firstError ?? 'error'})`);
  if (!(e.metrics.p95Median < goal)) problems.push(`host p95 ${ms(e.metrics.p95Median)} is not < ${goal} ms`);
  if (!e.prometheus) problems.push(`Prometheus stored no scrape_duration_seconds after the bench's load settled for job ${e.job ?? '(none)'}`);
  else if (!(e.prometheus.p95Ms < goal)) problems.push(`Prometheus scrape p95 ${ms(e.prometheus.p95Ms)} is not < ${goal} ms`);
  return problems;
}

/**
 * Issue 6 asks more of the Node stubs than the AC does (p95 <= 2 ms from the host); a miss fails that
 * goal, named with its cause, and is not a 9.1.3 failure. The floor in the same runs (the stub's trivial
 * route, same process and path) splits the time into the way there and the metrics page's own cost.
 */
function stubGoalMiss(e: EndpointLatency): string {
  const pageCost = e.metrics.p95Median - e.floor.p95Median;
  return (
    `${e.name}: FAIL of the Node stubs' own goal (issue 6's, not the AC's): host p95 ${ms(e.metrics.p95Median)} is not <= ${STUB_GOAL_P95_MS} ms; ` +
    `cause: its trivial route ${e.floorUrl} takes ${ms(e.floor.p95Median)} at p95 in the same runs and rendering ` +
    `${e.series} series (${e.bytes} bytes) adds ${ms(pageCost)}`
  );
}

/** PASS when every core endpoint holds the goal by both methods; the others are reported beside them. */
export function judgeAc913(r: MetricsLatencyResult): AcResult {
  const goal = r.goalMs;
  const details: string[] = [];
  let failed = false;
  for (const e of r.endpoints) {
    const problems = problemsOf(e, goal);
    const figures =
      `host p95 ${ms(e.metrics.p95Median)} [${e.metrics.p95Interval.low.toFixed(2)}, ${e.metrics.p95Interval.high.toFixed(2)}], ` +
      `Prometheus p95 ${e.prometheus ? `${ms(e.prometheus.p95Ms)} (${e.prometheus.samples} quiet scrapes)` : '-'}` +
      `${e.prometheusUnderLoad ? ` (under the bench's load ${ms(e.prometheusUnderLoad.p95Ms)}, ${e.prometheusUnderLoad.samples} scrapes, not judged)` : ''}` +
      `${e.prometheusStartUp ? ` (before the bench ${ms(e.prometheusStartUp.p95Ms)}, ${e.prometheusStartUp.samples} scrapes, not judged)` : ''}, ` +
      `${e.ratioToFloor.toFixed(1)}x the floor (${ms(e.floor.p95Median)})`;
    const scope = e.core ? '' : ' (not a core service: reported, not part of the AC)';
    if (problems.length === 0) {
      details.push(`${e.name}: ${figures}${scope}`);
    } else {
      if (e.core) failed = true;
      details.push(`${e.name}${scope}: ${e.core ? 'FAIL' : 'over the goal'}: ${problems.join('; ')}; cause: ${likelyCause(e, goal, r.machineWakeLatency)}`);
    }
    if ((STUB_SERVICE_NAMES as readonly string[]).includes(e.name) && !(e.metrics.p95Median <= STUB_GOAL_P95_MS)) {
      details.push(stubGoalMiss(e));
    }
  }
  if (r.machineWakeLatency) {
    details.push(`the machine, probed right after the quiet scrapes: ${describeWakeLatency(r.machineWakeLatency, LATE_WAKE_MS)}`);
  }
  const core = r.endpoints.filter((e) => e.core);
  const worstHost = core.reduce<EndpointLatency | undefined>((w, e) => (!w || e.metrics.p95Median > w.metrics.p95Median ? e : w), undefined);
  const worstProm = core.reduce<EndpointLatency | undefined>(
    (w, e) => (!w || (e.prometheus?.p95Ms ?? Infinity) > (w.prometheus?.p95Ms ?? Infinity) ? e : w),
    undefined,
  );
  const figure =
    worstHost && worstProm
      ? `worst core p95: host ${worstHost.name} ${ms(worstHost.metrics.p95Median)}, Prometheus ${worstProm.name} ${worstProm.prometheus ? ms(worstProm.prometheus.p95Ms) : 'none'} (goal < ${goal} ms)`
      : 'no core endpoint measured';
  if (core.length === 0) failed = true;
  const first = r.endpoints[0];
  return {
    ac: '9.1.3',
    title: AC_913_TITLE,
    result: failed ? 'FAIL' : 'PASS',
    figure,
    method:
      `from the host with credentials (undici + hrtime, per endpoint and its trivial floor route side by side): ` +
      `${first ? pacedHow(r, first).replace(/, bootstrap.*$/, '') : ''}; closed-loop at concurrency ${r.plan.closedLoop.concurrency}; ` +
      `and from inside the network: p95 of Prometheus's stored scrape_duration_seconds of each job, judged on the steady state: the scrapes that ` +
      `started ${LOAD_SETTLE_MS / 1000} s or more after the bench's ${r.plan.loadSeconds.toFixed(0)} s of load ` +
      `(Prometheus 2.42 times a scrape up to the end of its own parse and append, so a Prometheus starved by the bench inflates every target; ` +
      `before the bench the processes are minutes old and verify's other checks run; both are reported beside, not judged)`,
    details,
  };
}
