import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readReport, type VerifyReport } from '../report/schema.ts';
import type { Reference } from './compare.ts';
import { median } from '../metrics-latency/stats.ts';

// The runs verify kept in reports/ (<run id>.json), as a second reference beside the committed
// baseline: the median of the last N, so that one lucky or unlucky baseline run matters less.

const RUN_FILE = /^\d{8}t\d{6}-[0-9a-z]+\.json$/;

export interface History {
  reference?: Reference;
  /** Files left out, one line each (an older schema, not JSON). */
  skipped: string[];
}

export async function recentRuns(dir: string, count: number, exclude: Set<string>): Promise<History> {
  const skipped: string[] = [];
  if (count <= 0) return { skipped };
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => RUN_FILE.test(n));
  const runs: VerifyReport[] = [];
  for (const name of names) {
    try {
      const report = await readReport(join(dir, name));
      if (!exclude.has(report.runId)) runs.push(report);
    } catch (error) {
      skipped.push((error as Error).message);
    }
  }
  const recent = runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, count);
  if (recent.length === 0) return { skipped };
  const byKey = new Map<string, number[]>();
  for (const run of recent) for (const line of run.metrics) byKey.set(line.key, [...(byKey.get(line.key) ?? []), line.value]);
  const values = new Map([...byKey].map(([key, list]) => [key, median(list)]));
  return { reference: { label: `median of ${recent.length} recent runs`, values }, skipped };
}
