import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../../stack/paths.ts';

// The nightly workflow cannot run here (no GitHub runner): this lints its structure and checks
// that every command it runs exists in this repository.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const workflow = parse(readFileSync(resolve(REPO_ROOT, '.github/workflows/nightly.yml'), 'utf8')) as {
  on: { schedule?: { cron: string }[] };
  jobs: Record<string, { steps: Step[] }>;
};
const scripts = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.flatMap((s) => (s.run ?? '').split('\n')).map((l) => l.trim()).filter(Boolean);
const indexOfRun = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));

describe('the nightly workflow', () => {
  it('runs on a schedule', () => {
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^(\S+ ){4}\S+$/);
  });

  it('starts the engine with the project script, then npm ci, verify and gate, in that order', () => {
    const order = [/stack\/engine\/bootstrap-docker\.sh/, /^npm ci\b/m, /npm run verify/, /npm run gate/].map(indexOfRun);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('names only scripts and files that exist here', () => {
    for (const name of runs.flatMap((l) => [...l.matchAll(/npm run (\S+)/g)].map((m) => m[1]!))) expect(scripts, name).toHaveProperty(name);
    for (const file of runs.flatMap((l) => [...l.matchAll(/bash (\S+\.sh)/g)].map((m) => m[1]!))) expect(existsSync(resolve(REPO_ROOT, file)), file).toBe(true);
  });

  it('gates even when verify failed, and uploads reports/ whatever happened', () => {
    expect(steps[indexOfRun(/npm run gate/)]?.if).toBe('success() || failure()');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.path).toBe('reports/');
  });
});
