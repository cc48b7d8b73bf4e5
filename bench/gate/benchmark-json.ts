import type { VerifyReport } from '../report/schema.ts';

// github-action-benchmark's custom tool input: an array of {name, unit, value, range?, extra?},
// one file per direction (`customSmallerIsBetter`, `customBiggerIsBetter`).

export interface BenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export function benchmarkEntries(report: VerifyReport, direction: 'smaller' | 'larger'): BenchmarkEntry[] {
  return report.metrics
    .filter((l) => l.direction === direction)
    .map((l) => ({
      name: l.key,
      unit: l.unit,
      value: l.value,
      ...(l.interval ? { range: `${l.interval.low} to ${l.interval.high} (${l.interval.level * 100} %)` } : {}),
      extra: `${l.how}${l.threshold ? `; threshold ${l.threshold}: ${l.ok ? 'ok' : 'failed'}` : ''}`,
    }));
}
