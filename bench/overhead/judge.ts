import type { MetricLine } from '../report/schema.ts';
import { metricLine } from '../report/lines.ts';
import type { AcResult } from '../../suites/checks/ac-result.ts';
import { containsZero, halfWidth } from './abba.ts';
import type { MicrobenchResult } from './microbench.ts';
import type { OverheadMeasurement } from './run-overhead.ts';
import { KVM4 } from '../../stack/model/profiles.ts';

// Turns the overhead measurement into report lines and a verdict: the story's "instrumentation
// costs the monitored service < 5 % CPU", valid only when the A/A control contains 0.

export const OVERHEAD_CHECK = { ac: 'overhead', title: 'instrumentation costs the monitored service < 5 % CPU (story)' };
const LIMIT_PCT = 5;

const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;

export function describeMethod(m: OverheadMeasurement): string {
  const s = m.settings;
  return (
    `${m.main.rounds.length} crossover rounds in ${m.seconds.toFixed(0)} s: two suna containers switched at run time between instrumentation off and on ` +
    `(ONYX_INSTRUMENTATION=switchable), each block ${s.requestsPerBlock} requests to both at once after ${s.warmupPerBlock} to warm the switched path ` +
    `(GET /chat/[threadId]?messages=${s.messages}, closed loop, ${s.concurrency} connections each), then the pair's conditions swapped, so each process serves both; ` +
    `A/A control: two more switched between on and on; ` +
    `${m.main.relativePct.clusters ?? m.main.rounds.length} epochs of ${s.roundsPerEpoch} rounds, every container restarted between epochs and warmed with ${s.warmupRequests} requests and one crossover round not estimated from, ` +
    `CPU from cgroup cpuacct.usage at block edges, paired log-ratios, median of the epochs' medians with their order-statistic (sign-test) interval of ${(100 * m.main.relativePct.level).toFixed(1)} % coverage; ` +
    `${KVM4.caps.suna!.cpu} CPU cap each, ${m.placement}`
  );
}

export function overheadLines(m: OverheadMeasurement, micro: MicrobenchResult[]): MetricLine[] {
  const how = describeMethod(m);
  const handler = { service: 'suna', handler: `thread-${m.settings.messages}` };
  const r = m.main.relativePct;
  const c = m.control.relativePct;
  const d = m.main.difference;
  return [
    metricLine('overhead.relative_pct', handler, r.median, `${how}; handler costs ${(m.main.baseline / 1000).toFixed(0)} µs CPU per request with instrumentation off`, r),
    metricLine('overhead.aa_control_pct', handler, c.median, `${how}; the same build on both sides`, c),
    metricLine('overhead.resolution_pct', handler, halfWidth(r), `${how}; half-width of the interval`),
    metricLine('overhead.cpu_us_per_request', handler, d.median / 1000, `${how}; on minus off`, { low: d.low / 1000, high: d.high / 1000 }),
    metricLine('overhead.cpu_us_per_scrape', { service: 'suna' }, m.scrapeCpuUs, `${m.settings.scrapes} scrapes of /api/metrics with basic auth, 2 connections, cgroup CPU per scrape`),
    ...micro.map((x) => metricLine('instrumentation.us_per_request', { implementation: x.implementation }, x.usPerRequest, x.how)),
  ];
}

export function judgeOverhead(m: OverheadMeasurement): AcResult {
  const r = m.main.relativePct;
  const c = m.control.relativePct;
  const figure = `${pct(r.median)} [${pct(r.low)}, ${pct(r.high)}]; A/A ${pct(c.median)} [${pct(c.low)}, ${pct(c.high)}]`;
  const details: string[] = [];
  if (!containsZero(c)) details.push(`the A/A control's interval [${pct(c.low)}, ${pct(c.high)}] does not contain 0: the method is biased on this run, so the overhead figure is not trusted`);
  if (r.high >= LIMIT_PCT) details.push(`the overhead's interval reaches ${pct(r.high)}, not below ${LIMIT_PCT} %`);
  return { ...OVERHEAD_CHECK, result: details.length === 0 ? 'PASS' : 'FAIL', figure, method: describeMethod(m), details };
}
