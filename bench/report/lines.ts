import type { MetricLine } from './schema.ts';
import { METRICS, type MetricName } from './thresholds.ts';

// How checks and benches put figures into the report. A contributor builds each line with
// `metricLine` (unit, direction and threshold come from thresholds.ts, never from the caller)
// and hands it to the `ReportSink` it got from verify:
//
//   ctx.report.add(metricLine('metrics_latency.p95_ms', { endpoint: 'suna', method: 'host' }, 4.2,
//     'undici + hrtime, 5 runs x 2000 requests paced 20 ms apart, 1 connection'));
//   ctx.report.section('metrics_latency', { runs: [...] });   // optional raw detail

export interface ReportSink {
  add(...lines: MetricLine[]): void;
  /** Per-section detail kept beside the lines (raw samples, per-run figures). */
  section(name: string, detail: unknown): void;
}

export interface CollectedReport extends ReportSink {
  lines(): MetricLine[];
  sections(): Record<string, unknown>;
}

const THRESHOLD = /^(\w+)\s*(<=|>=|<|>)\s*(-?[\d.]+)$/;

export interface Threshold {
  stat: string;
  op: '<' | '<=' | '>' | '>=';
  bound: number;
}

export function parseThreshold(threshold: string): Threshold {
  const match = THRESHOLD.exec(threshold);
  if (!match) throw new Error(`threshold "${threshold}" is not '<stat> <op> <number>'`);
  return { stat: match[1]!, op: match[2] as Threshold['op'], bound: Number(match[3]) };
}

/** Judges a value against a k6-style threshold such as `p95 < 10`. */
export function meetsThreshold(threshold: string, value: number): boolean {
  const { op, bound } = parseThreshold(threshold);
  if (op === '<') return value < bound;
  if (op === '<=') return value <= bound;
  if (op === '>') return value > bound;
  return value >= bound;
}

export function metricKey(name: string, labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((label) => `${label}=${labels[label]}`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

/** The inverse of metricKey. */
export function splitKey(key: string): { name: string; labels: Record<string, string> } {
  const brace = key.indexOf('{');
  if (brace === -1) return { name: key, labels: {} };
  const inner = key.slice(brace + 1, -1);
  const labels = Object.fromEntries(inner.split(',').filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]));
  return { name: key.slice(0, brace), labels };
}

export function metricLine(
  name: MetricName,
  labels: Record<string, string>,
  value: number,
  how: string,
  interval?: { low: number; high: number; level?: number },
): MetricLine {
  const spec = METRICS[name] as { unit: string; direction: 'smaller' | 'larger'; threshold?: string };
  const threshold = spec.threshold ?? null;
  return {
    key: metricKey(name, labels),
    unit: spec.unit,
    value,
    direction: spec.direction,
    threshold,
    ok: threshold === null || meetsThreshold(threshold, value),
    how,
    ...(interval ? { interval: { low: interval.low, high: interval.high, level: interval.level ?? 0.95 } } : {}),
  };
}

export function collectReport(): CollectedReport {
  const lines: MetricLine[] = [];
  const sections: Record<string, unknown> = {};
  return {
    add: (...added) => {
      for (const line of added) {
        if (lines.some((l) => l.key === line.key)) throw new Error(`report line ${line.key} was added twice`);
        lines.push(line);
      }
    },
    section: (name, detail) => {
      sections[name] = detail;
    },
    lines: () => [...lines],
    sections: () => ({ ...sections }),
  };
}
