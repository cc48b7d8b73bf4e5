import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';

// Under the `tsx` CLI a Ctrl-C reaches the program through tsx's relay, which SIGKILLs the program
// when its event loop does not acknowledge the signal within 60 ms: on a loaded machine the stack's
// teardown then never runs. `node --import tsx` is one process that gets the signal itself.
const scripts: Record<string, string> = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')).scripts;

describe('npm scripts that run TypeScript', () => {
  const tsScripts = Object.entries(scripts).filter(([, command]) => /\.ts\b/.test(command));

  it('exist (the check below has something to check)', () => {
    expect(tsScripts.map(([name]) => name)).toEqual(expect.arrayContaining(['stack:up', 'verify']));
  });

  it.each(tsScripts)('%s runs in one process (node --import tsx), so signals reach its teardown', (_name, command) => {
    expect(command).toMatch(/^node --import tsx \S+\.ts\b/);
  });
});
