import type { AcResult } from '../ac-result.ts';
import type { Expectation } from './expectations.ts';
import { bucketOf } from './quantile.ts';
import { describeSource } from './queries.ts';

/** Relative tolerance of every comparison. The window is aligned to stored scrapes, so rates are exact up to float rounding. */
export const RELATIVE_TOLERANCE = 1e-3;

export interface ObservedSeries {
  labels: Record<string, string>;
  value: number;
}

export interface CheckedQuery {
  expectation: Expectation;
  expr: string;
  observed: ObservedSeries[];
}

export const ACCURACY_CHECK = 'accuracy';
export const ACCURACY_TITLE = "a known workload reads back exactly through the dashboards' own queries";

const matches = (want: Record<string, string>, labels: Record<string, string>) => Object.entries(want).every(([k, v]) => labels[k] === v);
const close = (a: number, b: number) => Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.abs(b) + 1e-9;
const show = (labels: Record<string, string>) => `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
const round = (x: number) => Number(x.toPrecision(6));

/** Every expected series must be there with its value; any other series must be absent or 0. */
export function queryProblems({ expectation, observed }: CheckedQuery): string[] {
  const where = `${expectation.what} [${describeSource(expectation.source)}]`;
  const problems: string[] = [];
  const used = new Set<ObservedSeries>();
  for (const want of expectation.series) {
    const found = observed.filter((o) => matches(want.labels, o.labels));
    found.forEach((o) => used.add(o));
    if (found.length !== 1) {
      problems.push(`${where}: ${found.length} series match ${show(want.labels)}, expected 1 (value ${round(want.value)})`);
      continue;
    }
    const got = found[0]!.value;
    if (close(got, want.value)) continue;
    const bucket = want.buckets ? ` (bucket ${bucketOf(got, want.buckets)}, expected ${bucketOf(want.value, want.buckets)})` : '';
    const factor = want.value !== 0 && Number.isFinite(got) ? `, ${round(got / want.value)}x` : '';
    problems.push(`${where} ${show(want.labels)}: ${round(got)}, expected ${round(want.value)}${bucket}${factor}`);
  }
  for (const o of observed) {
    if (!used.has(o) && o.value !== 0 && !Number.isNaN(o.value)) problems.push(`${where}: unexpected series ${show(o.labels)} = ${round(o.value)}`);
  }
  return problems;
}

export function judgeAccuracy(checked: readonly CheckedQuery[], method: string): AcResult {
  const problems = checked.flatMap(queryProblems);
  const series = checked.reduce((n, c) => n + c.expectation.series.length, 0);
  return {
    ac: ACCURACY_CHECK,
    title: ACCURACY_TITLE,
    result: problems.length === 0 && checked.length > 0 ? 'PASS' : 'FAIL',
    figure: `${checked.length} queries, ${series} expected series, ${problems.length} off by more than ${RELATIVE_TOLERANCE * 100} %`,
    method,
    details: problems.length > 0 ? problems : checked.map((c) => `${c.expectation.what}: ${c.observed.map((o) => `${show(o.labels)} ${round(o.value)}`).join('; ')}`),
  };
}
