import { spawnSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { collectReport } from '../bench/report/lines.ts';
import { REPORT_SCHEMA, type VerifyReport } from '../bench/report/schema.ts';
import { writeReport } from '../bench/report/write.ts';
import { preflightTarget } from '../stack/deploy/target-preflight.ts';
import { newRunId } from '../stack/launcher/labels.ts';
import type { StackInfo } from '../stack/launcher/stack-info.ts';
import { createStackRun } from '../stack/launcher/stack-run.ts';
import { withStack } from '../stack/launcher/with-stack.ts';
import { REPO_ROOT } from '../stack/paths.ts';
import type { AcResult } from '../suites/checks/ac-result.ts';
import { AC_CHECKS } from '../suites/checks/registry.ts';
import { parseVerifyOptions } from './verify-options.ts';

// `npm run verify`: start the stack, prove each acceptance criterion from it, print a table,
// write reports/<run>.json and reports/latest.json, exit non-zero when a criterion fails.
// `npm run verify -- --target FILE`: the same checks against a deployment already running; starts
// nothing, changes nothing. `--ac 9.1.1,...` runs only those ACs.

const log = (line: string) => console.log(`[verify] ${line}`);
const { target, checks } = await parseVerifyOptions(process.argv.slice(2), AC_CHECKS);
if (!target) {
  // Installs and starts the engine where missing; never for --target, which changes nothing.
  const bootstrap = spawnSync('bash', [resolve(REPO_ROOT, 'stack/engine/bootstrap-docker.sh')], { stdio: 'inherit' });
  if (bootstrap.status !== 0) process.exit(1);
}
const run = target ? undefined : createStackRun({ onProgress: log });
const started = new Date();
const results: AcResult[] = [];
const collected = collectReport();
let failure: string | undefined;

async function runChecks(info: StackInfo): Promise<void> {
  for (const check of checks) {
    try {
      results.push(await check.run({ info, log, report: collected }));
    } catch (error) {
      // One check that cannot gather its evidence fails that AC, named; the others still run.
      const why = (error as Error).message;
      results.push({ ac: check.ac, title: check.title, result: 'FAIL', figure: '-', method: 'the check could not finish', details: [why] });
    }
  }
}

try {
  if (target) {
    log(`checking the running deployment ${target.name} (${target.file}): Prometheus ${target.info.prometheusUrl}; starting nothing`);
    const unreachable = await preflightTarget(target);
    if (unreachable) throw new Error(unreachable);
    await runChecks(target.info);
  } else {
    await withStack(run!, runChecks);
  }
} catch (error) {
  failure = (error as Error).message;
}

const rows = results.map((r) => [r.ac, r.result, r.figure, r.title]);
const widths = [5, 12, 50];
console.log(`\n${['AC', 'result', 'figure', 'criterion'].map((h, i) => h.padEnd(widths[i] ?? 0)).join(' | ')}`);
for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | '));
for (const r of results.filter((x) => x.result === 'FAIL')) for (const d of r.details) console.log(`  ${r.ac}: ${d}`);

const finished = new Date();
const report: VerifyReport = {
  schema: REPORT_SCHEMA,
  runId: run?.runId ?? `${newRunId()}-target`,
  ...(target ? { target: { name: target.name, file: target.file, prometheusUrl: target.info.prometheusUrl } } : {}),
  startedAt: started.toISOString(),
  finishedAt: finished.toISOString(),
  wallSeconds: (finished.getTime() - started.getTime()) / 1000,
  engine: run?.engineVersion ?? (target ? 'none: verify --target starts nothing' : '?'),
  host: { cores: cpus().length, memoryMiB: Math.round(totalmem() / 2 ** 20), kernel: release(), node: process.version },
  capWarnings: run?.capPlan?.warnings ?? [],
  failure: failure ?? null,
  results,
  metrics: collected.lines(),
  sections: collected.sections(),
};
const written = await writeReport(report, process.env.ONYX_REPORTS_DIR ?? resolve(REPO_ROOT, 'reports'));
console.log(`\nreport (${report.wallSeconds.toFixed(0)} s): ${written.map((f) => relative(REPO_ROOT, f)).join(', ')}`);
if (failure) console.error(`verify failed: ${failure}`);
process.exit(failure || results.some((r) => r.result === 'FAIL') ? 1 : 0);
