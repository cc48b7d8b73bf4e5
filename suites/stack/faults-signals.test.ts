import { afterAll, expect, it } from 'vitest';
import { STUB_AND_PROMETHEUS } from '../../fixtures/small-stacks/stub-and-prometheus.ts';
import { removeLeftovers } from '../../stack/launcher/leftovers.ts';
import { runLeftBehind } from '../checks/faults/teardown.ts';
import { signalRun, type SignalledRun } from '../checks/faults/signal-run.ts';
import { describeOnStack } from './stack-context.ts';

// Signals sent to runs of their own (the shared stack is not touched): after each, nothing of
// that run may remain. `npm run stack:up` runs the whole stack; the test run is a small script on
// the launcher (fixtures/signals/small-run.ts).

const log = (line: string) => process.stderr.write(`[faults] ${line}\n`);
const SMALL_RUN_ARGS = ['--import', 'tsx', 'fixtures/signals/small-run.ts'];

function report(what: string, run: SignalledRun): void {
  log(`${what}: run ${run.runId} exited ${run.exitCode ?? run.exitSignal} ${run.exitSeconds.toFixed(1)} s after the signal`);
}

describeOnStack('signals tear a run down completely', () => {
  afterAll(async () => {
    // The broken fixture's run is left behind on purpose; its owner is gone, so the sweep takes it.
    await removeLeftovers(STUB_AND_PROMETHEUS.name);
  });

  // The entry points run as `node --import tsx`, one process: under the `tsx` CLI the signal went
  // through a relay that SIGKILLs its child when the child's event loop does not acknowledge it within
  // 60 ms (a loaded machine), and that left the run's containers behind.
  it('`npm run stack:up` interrupted (SIGINT, as Ctrl-C) during start-up leaves no container, network or volume', async () => {
    const run = await signalRun('npm', ['run', 'stack:up'], { when: / ready in /, signal: 'SIGINT', toGroup: true, timeoutMs: 180_000 });
    report('stack:up, SIGINT during start-up', run);
    expect(run.output.join('\n')).not.toMatch(/stack is up/);
    expect(await runLeftBehind(run.runId, 'SIGINT during start-up')).toBeUndefined();
  }, 240_000);

  it('`npm run stack:up` interrupted (SIGINT) once up leaves no container, network or volume', async () => {
    const run = await signalRun('npm', ['run', 'stack:up'], { when: /stack is up/, signal: 'SIGINT', toGroup: true, timeoutMs: 240_000 });
    report('stack:up, SIGINT once up', run);
    expect(await runLeftBehind(run.runId, 'SIGINT once up')).toBeUndefined();
  }, 300_000);

  it('a test run killed with SIGTERM (as a CI timeout) leaves no container, network or volume', async () => {
    const run = await signalRun(process.execPath, SMALL_RUN_ARGS, { when: /is up$/, signal: 'SIGTERM', toGroup: false, timeoutMs: 120_000 });
    report('small run, SIGTERM', run);
    expect(run.exitCode).toBe(143);
    expect(await runLeftBehind(run.runId, 'SIGTERM')).toBeUndefined();
  });

  it('a run whose teardown hooks were removed fails the check, naming what is left and why (fixture)', async () => {
    const run = await signalRun(process.execPath, [...SMALL_RUN_ARGS, '--no-teardown'], { when: /is up$/, signal: 'SIGINT', toGroup: false, timeoutMs: 120_000 });
    report('small run without teardown, SIGINT', run);
    const problem = await runLeftBehind(run.runId, 'SIGINT');
    expect(problem).toMatch(new RegExp(`^SIGINT: run ${run.runId} left 2 containers, 1 networks and 1 volumes \\(.*\\): its teardown did not run on the signal$`));
  });
});
