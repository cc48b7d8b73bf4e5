// Every metric a report may carry, declared once as data: its unit, which direction is better,
// its absolute threshold (k6 style, `<stat> <op> <number>`; the line's ok is judged from it), and
// how the gate compares it with the baseline (relative warn/fail, with an absolute floor below
// which a change is noise). A bench that contributes a new metric adds its row here.

export type Direction = 'smaller' | 'larger';

export interface GateTolerance {
  /** Relative worsening (0.25 = 25 %) that warns. */
  warn: number;
  /** Relative worsening that fails the gate. */
  fail: number;
  /** A worsening smaller than this, in the metric's unit, never warns nor fails. */
  floor: number;
}

export interface MetricSpec {
  unit: string;
  direction: Direction;
  /** e.g. 'p95 < 10': the stat named in the metric, an operator and a bound in `unit`. */
  threshold?: string;
  gate: GateTolerance;
  /** What the number is, for the report's readers. */
  means: string;
}

// Latency: one run's p95 moves about 25 % between runs on this machine (SPEC, measurement
// rules), so the gate warns past that spread and fails only well beyond it; sub-millisecond
// moves are timer and scheduler noise.
const LATENCY_GATE: GateTolerance = { warn: 0.3, fail: 0.75, floor: 1 };
// CPU and memory of the monitoring containers move with background activity and GC.
const RESOURCE_GATE: GateTolerance = { warn: 0.3, fail: 1, floor: 0.005 };

/**
 * Figures reported beside the judged ones but too few or too bimodal to fail a nightly on: the gate
 * shows their worsening as a warning and never fails on it.
 */
const WARN_ONLY_GATE: GateTolerance = { warn: 0.75, fail: Number.POSITIVE_INFINITY, floor: 1 };
/**
 * Prometheus's scrapes of a job during the bench's load and before it (`method=prometheus_under_load`,
 * `prometheus_start_up`): 2-20 scrapes each, not part of the AC. On the same code their p95 moved up
 * to 4.4 times the median of seven verifies (litellm under the load 4.3-28.9 ms), so they warn only.
 */
const UNJUDGED_SCRAPES = /[{,]method=prometheus_(under_load|start_up)[,}]/;

/** A share of a container's cap, in %, that should leave a fifth of the cap free. */
function shareOfCap(stat: 'mean' | 'peak', means: string): MetricSpec {
  return { unit: '%', direction: 'smaller', threshold: `${stat} < 80`, gate: { warn: 0.3, fail: 1, floor: 5 }, means };
}

export const METRICS = {
  'dashboard_load.wall_ms': {
    unit: 'ms',
    direction: 'smaller',
    threshold: 'wall < 2000',
    gate: LATENCY_GATE,
    means: "story 9.1: a dashboard loads in < 2 s; all its panel queries sent at once to Prometheus, until the last answered",
  },
  'metrics_latency.p50_ms': { unit: 'ms', direction: 'smaller', gate: LATENCY_GATE, means: 'median time to a full /metrics response' },
  'metrics_latency.p95_ms': {
    unit: 'ms',
    direction: 'smaller',
    threshold: 'p95 < 10',
    gate: LATENCY_GATE,
    means: '95th percentile time to a full /metrics response (AC 9.1.3)',
  },
  'metrics_latency.p99_ms': {
    unit: 'ms',
    direction: 'smaller',
    // One stall in a hundred requests sets a p99: Prometheus's host p99 was 10.3, 10.5 and 19.7 ms in
    // three verifies of the same code (2026-12-05), so the gate fails a p99 only past 2.5 times;
    // a doubled p95 still fails it.
    gate: { warn: 0.5, fail: 1.5, floor: 1 },
    means: '99th percentile time to a full /metrics response',
  },
  'metrics_latency.floor_ratio': {
    unit: 'x',
    direction: 'smaller',
    gate: { warn: 0.3, fail: 0.75, floor: 0.5 },
    means: 'host p95 of /metrics over the p95 of a trivial route of the same server, same runs: the stable figure on a noisy host',
  },
  'metrics_latency.closed_loop_p95_ms': {
    unit: 'ms',
    direction: 'smaller',
    // Eight requests in flight against a capped container is throttled or not, run by run: on the same
    // code (seven verifies, 2026-12-05) supabase-exporter's read 14.1-141.4 ms and redis-exporter's
    // 44-736 ms. No fail threshold tells a regression from that; the gate warns.
    gate: WARN_ONLY_GATE,
    means: 'p95 time to a full /metrics response with 8 requests always in flight (capacity, not the AC)',
  },
  'overhead.cpu_us_per_request': {
    unit: 'µs',
    direction: 'smaller',
    // The bench's own resolution: its 95 % interval's half-width was 0.76-0.88 points of a
    // 440-710 µs page in three verifies (2026-12-05), 3.9-5.7 µs; its median moved from -1.5 to +4.2 µs
    // between them. A floor of 2 µs failed the gate on that noise.
    gate: { warn: 0.3, fail: 1, floor: 6 },
    means: 'CPU time the request instrumentation adds to one request (on minus off)',
  },
  'overhead.cpu_us_per_scrape': {
    unit: 'µs',
    direction: 'smaller',
    gate: { warn: 0.3, fail: 1, floor: 200 },
    means: 'CPU time one scrape of the metrics path costs the service',
  },
  'overhead.relative_pct': {
    unit: '%',
    direction: 'smaller',
    threshold: 'median < 5',
    gate: { warn: 0.5, fail: 1, floor: 1 },
    means: 'instrumentation CPU overhead on a realistic handler (the story asks < 5 %)',
  },
  'overhead.aa_control_pct': {
    unit: '%',
    direction: 'smaller',
    gate: { warn: 1, fail: 3, floor: 2 },
    means: 'A/A control: the same build on both sides; its interval must contain 0',
  },
  'overhead.resolution_pct': {
    unit: '%',
    direction: 'smaller',
    threshold: 'halfwidth < 3',
    // Three verifies of the same code (2026-12-05) resolved 0.43, 0.58 and 1.85 points: the half-width
    // follows the machine's noise during the bench. Its bar is the threshold (3 points); the gate fails a
    // worsening only past 2 points.
    gate: { warn: 0.5, fail: 1, floor: 2 },
    means: 'half-width of the 95 % interval: the smallest overhead the method resolves',
  },
  'instrumentation.us_per_request': {
    unit: 'µs',
    direction: 'smaller',
    gate: { warn: 0.3, fail: 1, floor: 0.5 },
    means: 'in-process cost of observing one request (microbenchmark, one core)',
  },
  'stack_cost.cpu_cores': {
    unit: 'cores',
    direction: 'smaller',
    gate: RESOURCE_GATE,
    means: 'mean CPU of a monitoring container over the run (cgroup cpuacct.usage)',
  },
  'stack_cost.cpu_of_cap_pct': shareOfCap('mean', 'mean CPU over the run as a share of the container cap'),
  'stack_cost.memory_mib': {
    unit: 'MiB',
    direction: 'smaller',
    gate: { warn: 0.3, fail: 1, floor: 16 },
    means: 'peak memory of a monitoring container over the run (cgroup memory.max_usage_in_bytes)',
  },
  'stack_cost.memory_of_cap_pct': shareOfCap('peak', 'peak memory over the run as a share of the container cap'),
  'stack_cost.kvm4_cpu_pct': {
    unit: '%',
    direction: 'smaller',
    threshold: 'mean < 25',
    gate: { warn: 0.3, fail: 1, floor: 1 },
    means: 'mean CPU of all monitoring containers together as a share of the kvm4 VPS (4 vCPU); the rest belongs to the services',
  },
  'stack_cost.kvm4_memory_pct': {
    unit: '%',
    direction: 'smaller',
    threshold: 'peak < 25',
    gate: { warn: 0.3, fail: 1, floor: 1 },
    means: 'sum of the peak memory of the monitoring containers as a share of the kvm4 VPS (16 GiB)',
  },
  // The budgets themselves live in suites/checks/guard/series-budget.json; the gate watches growth.
  'cardinality.series': {
    unit: 'series',
    direction: 'smaller',
    gate: { warn: 0.25, fail: 1, floor: 100 },
    means: "series in Prometheus's head block: the whole stack (scope=stack) and its largest metric (scope=largest_metric)",
  },
} satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;

export function metricSpec(name: string): MetricSpec | undefined {
  return (METRICS as Record<string, MetricSpec>)[name];
}

/** How the gate compares a line: its metric's tolerance, or warn-only for the unjudged scrape groups. */
export function gateTolerance(key: string): GateTolerance | undefined {
  if (UNJUDGED_SCRAPES.test(key)) return WARN_ONLY_GATE;
  return metricSpec(key.split('{')[0]!)?.gate;
}
