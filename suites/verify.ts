import { cpus, release, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { collectReport } from '../bench/report/lines.ts';
import { REPORT_SCHEMA, type VerifyReport } from '../bench/report/schema.ts';
import { writeReport } from '../bench/report/write.ts';
import { createStackRun, DEFAULT_SERVICE_TIMEOUT_MS } from '../stack/launcher/stack.ts';
import { describeRun } from '../stack/launcher/stack-info.ts';
import { teardownOnExit } from '../stack/launcher/teardown.ts';
import { REPO_ROOT } from '../stack/paths.ts';
import type { AcResult } from './checks/ac-result.ts';
import { AC_CHECKS } from './checks/registry.ts';

// `npm run verify`: start the stack, prove each acceptance criterion from it, print a table,
// write reports/<run>.json and reports/latest.json, exit non-zero when a criterion fails.

const log = (line: string) => console.log(`[verify] ${line}`);
const run = createStackRun({ onProgress: log });
const removeHooks = teardownOnExit(run, log);
const started = new Date();
const results: AcResult[] = [];
const collected = collectReport();
let failure: string | undefined;

try {
  await run.start(DEFAULT_SERVICE_TIMEOUT_MS);
  const info = describeRun(run);
  for (const check of AC_CHECKS) {
    try {
      results.push(await check.run({ info, log, report: collected }));
    } catch (error) {
      // One check that cannot gather its evidence fails that AC, named; the others still run.
      const why = (error as Error).message;
      results.push({ ac: check.ac, title: check.title, result: 'FAIL', figure: '-', method: 'the check could not finish', details: [why] });
    }
  }
} catch (error) {
  failure = (error as Error).message;
} finally {
  const left = await run.stop();
  removeHooks();
  if (left.containers.length + left.networks.length > 0) failure ??= `teardown left ${left.containers.length + left.networks.length} resources`;
}

const rows = results.map((r) => [r.ac, r.result, r.figure, r.title]);
const widths = [5, 12, 50];
console.log(`\n${['AC', 'result', 'figure', 'criterion'].map((h, i) => h.padEnd(widths[i] ?? 0)).join(' | ')}`);
for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | '));
for (const r of results.filter((x) => x.result === 'FAIL')) for (const d of r.details) console.log(`  ${r.ac}: ${d}`);

const finished = new Date();
const report: VerifyReport = {
  schema: REPORT_SCHEMA,
  runId: run.runId,
  startedAt: started.toISOString(),
  finishedAt: finished.toISOString(),
  wallSeconds: (finished.getTime() - started.getTime()) / 1000,
  engine: run.engineVersion ?? '?',
  host: { cores: cpus().length, memoryMiB: Math.round(totalmem() / 2 ** 20), kernel: release(), node: process.version },
  capWarnings: run.capPlan?.warnings ?? [],
  failure: failure ?? null,
  results,
  metrics: collected.lines(),
  sections: collected.sections(),
};
const written = await writeReport(report, resolve(REPO_ROOT, 'reports'));
console.log(`\nreport (${report.wallSeconds.toFixed(0)} s): ${written.map((f) => relative(REPO_ROOT, f)).join(', ')}`);
if (failure) console.error(`verify failed: ${failure}`);
process.exit(failure || results.some((r) => r.result === 'FAIL') ? 1 : 0);
