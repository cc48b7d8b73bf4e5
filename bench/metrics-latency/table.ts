import type { MetricsLatencyResult } from './result.ts';

const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));

/** The bench as a console table: one row per endpoint, both methods side by side. */
export function latencyTable(r: MetricsLatencyResult): string {
  const header = ['endpoint', 'host p95 [95% CI]', 'p50', 'p99', 'max', 'floor p95', 'ratio', 'prom p95 (n)', 'under load', 'before bench', 'c8 p95', 'bytes', 'series', 'cpu used/cap', 'throttled'];
  const rows = r.endpoints.map((e) => [
    `${e.name}${e.core ? '' : ' (not core)'}`,
    `${f(e.metrics.p95Median)} [${f(e.metrics.p95Interval.low)}, ${f(e.metrics.p95Interval.high)}]`,
    f(e.metrics.pooled.p50),
    f(e.metrics.pooled.p99),
    f(e.metrics.pooled.max),
    f(e.floor.p95Median),
    `${e.ratioToFloor.toFixed(1)}x`,
    e.prometheus ? `${f(e.prometheus.p95Ms)} (${e.prometheus.samples})` : '-',
    e.prometheusUnderLoad ? `${f(e.prometheusUnderLoad.p95Ms)} (${e.prometheusUnderLoad.samples})` : '-',
    e.prometheusStartUp ? `${f(e.prometheusStartUp.p95Ms)} (${e.prometheusStartUp.samples})` : '-',
    f(e.closedLoop.p95),
    String(e.bytes),
    String(e.series),
    e.cpu ? `${e.cpu.usedCpu.toFixed(3)}/${e.cpu.capCpu ?? '?'}` : '-',
    e.cpu ? `${(e.cpu.throttledShare * 100).toFixed(0)}%` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
