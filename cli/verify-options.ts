import { parseArgs } from 'node:util';
import { loadTarget, TargetFileError, type Target } from '../stack/deploy/target.ts';
import { ONYX_STACK } from '../stack/model/onyx-stack.ts';
import type { AcCheck } from '../suites/checks/ac-check.ts';

const USAGE = 'usage: npm run verify [-- [--target FILE] [--ac 9.1.1,...]]';

export interface VerifyOptions {
  /** A deployment already running: checked, never started or changed. */
  target?: Target;
  checks: AcCheck[];
}

/** Against a deployment, a check that drives load or starts containers is not run: it would change it. */
function onlyReading(check: AcCheck): AcCheck {
  if (check.readOnly) return check;
  const method = 'not run against a deployment: this check drives load or starts containers, and verify --target only reads';
  return { ...check, run: async () => ({ ac: check.ac, title: check.title, result: 'NOT VERIFIED', figure: '-', method, details: [] }) };
}

/** The command line of verify; a bad one (or a bad target file) ends the process with one line. */
export async function parseVerifyOptions(argv: string[], all: AcCheck[]): Promise<VerifyOptions> {
  try {
    const { values } = parseArgs({ args: argv, options: { target: { type: 'string' }, ac: { type: 'string' } } });
    const wanted = values.ac?.split(',').map((a) => a.trim()).filter(Boolean);
    for (const ac of wanted ?? []) {
      if (!all.some((c) => c.ac === ac)) throw new Error(`--ac ${ac}: no such AC (known: ${all.map((c) => c.ac).join(', ')})`);
    }
    const target = values.target ? await loadTarget(values.target, ONYX_STACK) : undefined;
    const selected = wanted ? all.filter((c) => wanted.includes(c.ac)) : all;
    return { target, checks: target ? selected.map(onlyReading) : selected };
  } catch (error) {
    const message = (error as Error).message;
    console.error(error instanceof TargetFileError ? `verify: target file ${message}` : `verify: ${message}\n${USAGE}`);
    process.exit(2);
  }
}
