import type { StackRun } from './stack.ts';

/**
 * Tears the run down on Ctrl-C, SIGTERM (a CI timeout) and a crash, then exits. Returns a function
 * that removes the hooks, for callers that tear down themselves on the normal path.
 */
export function teardownOnExit(run: StackRun, log: (line: string) => void = console.error): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: tearing down run ${run.runId}...`);
    void run.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const onCrash = (error: unknown) => {
    log(`fatal: ${(error as Error)?.message ?? String(error)}; tearing down run ${run.runId}...`);
    void run.stop().finally(() => process.exit(1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}
