import type { MetricLine, VerifyReport } from '../report/schema.ts';
import { gateTolerance, type GateTolerance } from '../report/thresholds.ts';

// The gate's judgement, pure: each metric of the latest report against reference values (the
// committed baseline, the median of recent runs). Only a worsening counts, and only once it is
// larger than the metric's absolute floor; then its size relative to the reference decides
// warn or fail. An improvement never fails.

export type Status = 'ok' | 'better' | 'warn' | 'fail' | 'missing' | 'new';

export interface Reference {
  /** e.g. 'baseline' or 'median of 5 recent runs'. */
  label: string;
  values: Map<string, number>;
}

export interface Comparison {
  reference: string;
  value: number;
  /** Relative worsening: +1 is twice as bad, negative is better. */
  worsening: number;
  status: Status;
}

export interface GateRow {
  key: string;
  unit: string;
  latest?: number;
  comparisons: Comparison[];
  status: Status;
}

export interface GateResult {
  rows: GateRow[];
  /** Why the gate fails, one line each; empty when it passes. */
  failures: string[];
  /** Known failures that do not fail the gate (a named check that failed in the baseline too). */
  notes: string[];
}

/** Acceptance criteria are numbered (9.1.3); named checks (overhead, guard) are not. */
const AC_ID = /^\d+(\.\d+)+$/;

/** Tolerances for metrics the thresholds data does not list: a latency-like default. */
const FALLBACK_TOLERANCE: GateTolerance = { warn: 0.3, fail: 0.75, floor: 0 };

const SEVERITY: Status[] = ['ok', 'better', 'new', 'warn', 'missing', 'fail'];

function worst(statuses: Status[]): Status {
  return statuses.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'ok');
}

export function judgeChange(line: Pick<MetricLine, 'key' | 'direction'>, latest: number, reference: number): Omit<Comparison, 'reference'> {
  const tolerance = gateTolerance(line.key) ?? FALLBACK_TOLERANCE;
  const absolute = line.direction === 'smaller' ? latest - reference : reference - latest;
  const worsening = absolute / Math.max(Math.abs(reference), tolerance.floor, Number.EPSILON);
  let status: Status = 'ok';
  if (absolute > tolerance.floor && worsening >= tolerance.fail) status = 'fail';
  else if (absolute > tolerance.floor && worsening >= tolerance.warn) status = 'warn';
  else if (-absolute > tolerance.floor && -worsening >= tolerance.warn) status = 'better';
  return { value: reference, worsening, status };
}

export function compareReports(latest: VerifyReport, baseline: VerifyReport, references: Reference[]): GateResult {
  const rows: GateRow[] = [];
  const failures: string[] = [];
  for (const line of latest.metrics) {
    const comparisons = references.flatMap((ref) => {
      const value = ref.values.get(line.key);
      return value === undefined ? [] : [{ reference: ref.label, ...judgeChange(line, line.value, value) }];
    });
    const status = comparisons.length === 0 ? 'new' : worst(comparisons.map((c) => c.status));
    rows.push({ key: line.key, unit: line.unit, latest: line.value, comparisons, status });
    for (const c of comparisons.filter((x) => x.status === 'fail')) {
      failures.push(`${line.key}: ${line.value} ${line.unit} is ${(c.worsening * 100).toFixed(0)} % worse than the ${c.reference} (${c.value} ${line.unit})`);
    }
  }
  const present = new Set(latest.metrics.map((l) => l.key));
  for (const line of baseline.metrics.filter((l) => !present.has(l.key))) {
    rows.push({ key: line.key, unit: line.unit, comparisons: [], status: 'missing' });
    failures.push(`${line.key}: missing from the latest report (baseline ${line.value} ${line.unit})`);
  }
  if (latest.failure) failures.push(`the run failed: ${latest.failure}`);
  const failedBefore = new Set(baseline.results.filter((r) => r.result === 'FAIL').map((r) => r.ac));
  const notes: string[] = [];
  for (const r of latest.results.filter((x) => x.result === 'FAIL')) {
    // A failed AC always fails the gate; a named check (guard, bench) fails it when it newly fails.
    if (AC_ID.test(r.ac)) failures.push(`AC ${r.ac} failed: ${r.figure}`);
    else if (failedBefore.has(r.ac)) notes.push(`check ${r.ac} still fails, as in the baseline: ${r.figure}`);
    else failures.push(`check ${r.ac} failed, it passed in the baseline: ${r.figure}`);
  }
  return { rows, failures, notes };
}

export function valuesOf(report: VerifyReport): Map<string, number> {
  return new Map(report.metrics.map((l) => [l.key, l.value]));
}
