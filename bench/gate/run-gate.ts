import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readReport } from '../report/schema.ts';
import { benchmarkEntries } from './benchmark-json.ts';
import { compareReports, valuesOf, type GateResult, type Reference } from './compare.ts';
import { recentRuns } from './history.ts';
import { formatGate } from './table.ts';

export interface GateOptions {
  latest: string;
  baseline: string;
  /** How many kept runs in the latest report's folder make the second reference; 0 for none. */
  recent: number;
  /** Where github-action-benchmark's customSmallerIsBetter JSON goes. */
  benchmarkJson: string;
}

export interface GateOutcome {
  result: GateResult;
  lines: string[];
}

export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const latest = await readReport(options.latest);
  const baseline = await readReport(options.baseline);
  const history = await recentRuns(dirname(options.latest), options.recent, new Set([latest.runId, baseline.runId]));
  const references: Reference[] = [{ label: 'baseline', values: valuesOf(baseline) }];
  if (history.reference) references.push(history.reference);
  const result = compareReports(latest, baseline, references);
  await writeFile(options.benchmarkJson, `${JSON.stringify(benchmarkEntries(latest, 'smaller'), null, 2)}\n`);
  const larger = benchmarkEntries(latest, 'larger');
  if (larger.length > 0) {
    await writeFile(join(dirname(options.benchmarkJson), 'benchmark-bigger-is-better.json'), `${JSON.stringify(larger, null, 2)}\n`);
  }
  const lines = [
    `gate: ${options.latest} (run ${latest.runId}) against ${options.baseline} (run ${baseline.runId})${history.reference ? ` and the ${history.reference.label}` : ''}`,
    ...history.skipped.map((s) => `  skipped ${s}`),
    ...formatGate(result, references.map((r) => r.label)),
    `customSmallerIsBetter JSON: ${options.benchmarkJson}`,
  ];
  return { result, lines };
}
