import { z } from 'zod';
import { parseData, parseJsonText, readDataText } from '../../stack/data-file.ts';

// The report `npm run verify` writes and `npm run gate` reads. Bump the version when a field
// changes meaning; the gate refuses other versions with one line naming the file and field.

export const REPORT_SCHEMA = 'onyx-monitoring/verify-report@2';

export const AcResultSchema = z.object({
  ac: z.string(),
  title: z.string(),
  result: z.enum(['PASS', 'FAIL', 'NOT VERIFIED']),
  figure: z.string(),
  method: z.string(),
  details: z.array(z.string()),
});

export const MetricLineSchema = z.object({
  /** `name{label=value,...}`, labels sorted, e.g. `metrics_latency.p95_ms{endpoint=suna,method=host}`. */
  key: z.string().regex(/^[a-z0-9_.]+(\{[^{}]*\})?$/, 'expected name{label=value,...}'),
  unit: z.string(),
  value: z.number().finite(),
  direction: z.enum(['smaller', 'larger']),
  /** The absolute threshold, k6 style (`p95 < 10`), or null when the metric has none. */
  threshold: z.string().nullable(),
  ok: z.boolean(),
  /** How it was measured: samples, duration, concurrency. */
  how: z.string().min(1),
  interval: z.object({ low: z.number().finite(), high: z.number().finite(), level: z.number().gt(0).lt(1) }).optional(),
});

export const VerifyReportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA),
  runId: z.string().min(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  wallSeconds: z.number().nonnegative(),
  engine: z.string(),
  /** Set when verify checked a deployment already running (`--target FILE`) instead of starting one. */
  target: z.object({ name: z.string(), file: z.string(), prometheusUrl: z.string() }).optional(),
  host: z.object({ cores: z.number().int().positive(), memoryMiB: z.number().positive(), kernel: z.string(), node: z.string() }),
  capWarnings: z.array(z.string()),
  failure: z.string().nullable(),
  results: z.array(AcResultSchema),
  metrics: z.array(MetricLineSchema),
  /** Optional per-section detail (raw samples, per-run figures), keyed by section name. */
  sections: z.record(z.string(), z.unknown()).default({}),
});

export type MetricLine = z.infer<typeof MetricLineSchema>;
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

/** A report that does not match the schema: one line naming the file and the first bad field. */
export class MalformedReportError extends Error {}

export function parseReport(value: unknown, file: string): VerifyReport {
  return parseData(VerifyReportSchema, value, file, MalformedReportError);
}

export async function readReport(file: string): Promise<VerifyReport> {
  const text = await readDataText(file, MalformedReportError);
  return parseReport(parseJsonText(text, file, MalformedReportError), file);
}
