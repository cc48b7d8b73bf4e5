import type { StackRun } from './stack-run.ts';

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * Tears the run down on Ctrl-C, SIGTERM (a CI timeout), SIGHUP (the terminal went away) and a
 * crash, then exits. A second signal during teardown (npm and tsx relay Ctrl-C once more) does
 * not cut it short. Returns a function that removes the hooks, for callers that tear down
 * themselves on the normal path.
 */
export function teardownOnExit(run: StackRun, log: (line: string) => void = console.error): () => void {
  let tearingDown = false;
  const tearDown = (why: string, exitCode: number) => {
    if (tearingDown) {
      log(`${why}: teardown of run ${run.runId} is already under way`);
      return;
    }
    tearingDown = true;
    log(`${why}: tearing down run ${run.runId}...`);
    void run.stop().finally(() => process.exit(exitCode));
  };
  const onSignal = (signal: NodeJS.Signals) => tearDown(signal, EXIT_CODE[signal] ?? 1);
  const onCrash = (error: unknown) => tearDown(`fatal: ${(error as Error)?.message ?? String(error)}`, 1);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}
