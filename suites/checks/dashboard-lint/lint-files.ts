// Lints the dashboard files and folders a user names. A file that cannot be read as a dashboard
// is a failure with one line naming the file and the problem; the others are still linted.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NotADashboard } from './dashboard-model.ts';
import { BadExclusionsFile, EXCLUSIONS_FILE, NO_EXCLUSIONS, parseExclusions, type Exclusions } from './exclusions.ts';
import type { Finding } from './findings.ts';
import { lintDashboard, type DashboardReport } from './lint.ts';

export interface LintRun {
  readonly reports: DashboardReport[];
  /** Problems in `.lint` exclusion files, as findings. */
  readonly exclusionProblems: Finding[];
  /** One line per path that could not be linted at all. */
  readonly failures: string[];
}

function jsonFilesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.json'))
    .sort()
    .map((entry) => join(folder, entry));
}

class UnreadableFile extends Error {}

function readJson(file: string): unknown {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UnreadableFile(`${file}: cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new UnreadableFile(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/** 0 clean, 1 findings, 2 a path could not be linted. */
export function exitCodeOf(run: LintRun): number {
  if (run.failures.length > 0) return 2;
  const findings = run.exclusionProblems.length + run.reports.reduce((sum, report) => sum + report.findings.length, 0);
  return findings > 0 ? 1 : 0;
}

export function lintFiles(paths: readonly string[]): LintRun {
  const run: LintRun = { reports: [], exclusionProblems: [], failures: [] };
  const exclusionsByFolder = new Map<string, Exclusions>();
  const exclusionsFor = (folder: string): Exclusions => {
    const known = exclusionsByFolder.get(folder);
    if (known !== undefined) return known;
    const file = join(folder, EXCLUSIONS_FILE);
    let exclusions = NO_EXCLUSIONS;
    if (existsSync(file)) {
      exclusions = parseExclusions(readFileSync(file, 'utf8'), file);
      run.exclusionProblems.push(...exclusions.problems);
    }
    exclusionsByFolder.set(folder, exclusions);
    return exclusions;
  };

  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) run.failures.push(`${path}: no such file or folder`);
    else if (!statSync(path).isDirectory()) files.push(path);
    else {
      const found = jsonFilesIn(path);
      if (found.length === 0) run.failures.push(`${path}: the folder holds no .json file`);
      files.push(...found);
    }
  }
  for (const file of files) {
    try {
      run.reports.push(lintDashboard(readJson(file), file, exclusionsFor(dirname(file))));
    } catch (error) {
      if (error instanceof NotADashboard) run.failures.push(`${file}: ${error.message}`);
      else if (error instanceof UnreadableFile || error instanceof BadExclusionsFile) run.failures.push(error.message);
      else throw error;
    }
  }
  return run;
}
