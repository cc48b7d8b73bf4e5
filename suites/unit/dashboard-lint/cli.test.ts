import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';

function lintCli(...paths: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'cli/lint-dashboards.ts', ...paths], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run lint:dashboards', () => {
  it('exits 0 on a clean dashboard, with the summary line', () => {
    const { status, stdout } = lintCli('fixtures/dashboards/public/node-exporter-full.json');
    expect(stdout).toContain('Summary: 1 dashboards, 125 panels, 286 + 3 PromQL expressions (panels + variables; 289 parsed, 0 did not), 0 findings');
    expect(status).toBe(0);
  });

  it('exits 1 on findings, grouped under the dashboard, counted by rule in the summary', () => {
    const { status, stdout } = lintCli('fixtures/dashboards/lint/rate-window.json', 'fixtures/dashboards/lint/raw-counter.json');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Lint: rate window not \$__rate_interval \(.*rate-window.json, schemaVersion 41\): 2 panels/);
    expect(lines[1]).toMatch(/^ {2}\[target-rate-interval-rule\] panel "Chat rate": /);
    expect(lines.at(-1)).toMatch(/2 findings: target-counter-agg-rule 1, target-rate-interval-rule 1$/);
    expect(status).toBe(1);
  });

  it('exits 2 with one line naming the file on malformed JSON, and never a stack trace', () => {
    const file = join('fixtures/dashboards/invalid/malformed.json');
    const { status, stdout, stderr } = lintCli(file);
    expect(stdout).toContain(`error: ${file}: not valid JSON`);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
    expect(status).toBe(2);
  });

  it('exits 2 with a usage line when given nothing', () => {
    const { status, stderr } = lintCli();
    expect(stderr.trim()).toBe('usage: npm run lint:dashboards -- FILE_OR_FOLDER... (Grafana dashboard JSON files)');
    expect(status).toBe(2);
  });
});
