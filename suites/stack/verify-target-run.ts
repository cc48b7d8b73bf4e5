import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { TargetFile } from '../../stack/deploy/target.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { tempDir } from '../temp-dirs.ts';

export interface VerifyRun {
  exitCode: number;
  output: string;
  /** reports/latest.json of the run, when it wrote one. */
  report?: { target?: { name: string }; results: { ac: string; result: string; details: string[] }[] };
}

/** A target file naming a running stack's Prometheus and endpoints, credentials from ONYX_METRICS_*. */
export function targetFileFor(name: string, info: StackInfo): TargetFile {
  return {
    name,
    prometheus: { url: info.prometheusUrl, container: info.prometheusContainer },
    credentials: { metricsUser: { env: 'ONYX_METRICS_USER' }, metricsPassword: { env: 'ONYX_METRICS_PASSWORD' } },
    endpoints: Object.fromEntries(info.services.flatMap((s) => (s.scrapeJob && s.metricsUrl ? [[s.scrapeJob, s.metricsUrl]] : []))),
  };
}

/** `npm run verify -- --target FILE --ac ...` as an operator runs it, with its own reports folder. */
export async function runVerifyTarget(target: TargetFile, env: Record<string, string>, acs = '9.1.1'): Promise<VerifyRun> {
  const dir = tempDir('onyx-verify-target-');
  const file = join(dir, 'target.yml');
  await writeFile(file, stringify(target));
  const reports = join(dir, 'reports');
  const result = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['cli/verify.ts', '--target', file, '--ac', acs],
      { cwd: REPO_ROOT, env: { ...process.env, ...env, ONYX_REPORTS_DIR: reports }, timeout: 240_000, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
  const report = await readFile(join(reports, 'latest.json'), 'utf8').then((t) => JSON.parse(t) as VerifyRun['report'], () => undefined);
  return { exitCode: result.code, output: result.output, report };
}
