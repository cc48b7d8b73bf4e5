import type { VerifyReport } from '../../../bench/report/schema.ts';

/** A copy of `report` with every p95 latency multiplied by `factor`, as a later run. */
export function withP95Times(report: VerifyReport, factor: number, runId = '20261202t000000-later'): VerifyReport {
  return {
    ...report,
    runId,
    startedAt: '2026-12-02T00:00:00.000Z',
    metrics: report.metrics.map((l) => (l.key.startsWith('metrics_latency.p95_ms') ? { ...l, value: l.value * factor } : l)),
  };
}
