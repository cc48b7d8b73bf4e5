import { describe, expect, it } from 'vitest';
import { signalRun } from '../../checks/faults/signal-run.ts';

// Why every entry point runs as `node --import tsx FILE` and never as `tsx FILE`: the tsx CLI
// relays a Ctrl-C to its child and SIGKILLs the child when the child has not acknowledged it within
// about 60 ms. A launcher busy for that long (bcrypt hashing at start, a loaded CI machine) then
// dies without its teardown, leaving the run's containers (seen once as 10 containers left).

const FIXTURE = 'fixtures/signals/busy-when-signalled.ts';
const options = { when: /^ready$/, signal: 'SIGINT', toGroup: true, timeoutMs: 20_000, announcesRun: false } as const;

describe('a Ctrl-C reaching a program whose event loop is busy', () => {
  it('node --import tsx: the program gets the signal itself and its teardown runs', async () => {
    const run = await signalRun(process.execPath, ['--import', 'tsx', FIXTURE], options);
    expect(run.output).toContain('teardown ran');
    expect(run.exitCode).toBe(130);
  });

  it('the tsx CLI (the broken case): its relay kills the program before the teardown runs', async () => {
    const run = await signalRun(process.execPath, ['node_modules/tsx/dist/cli.mjs', FIXTURE], options);
    expect(run.output).not.toContain('teardown ran');
  });
});
