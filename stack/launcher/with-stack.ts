import { leftoverNames } from './leftovers.ts';
import { describeRun, type StackInfo } from './stack-info.ts';
import { DEFAULT_SERVICE_TIMEOUT_MS, type StackRun } from './stack-run.ts';
import { teardownOnExit } from './teardown.ts';

export interface StartedStack {
  info: StackInfo;
  /** Removes the run and its signal hooks; throws naming whatever the teardown left behind. */
  stop(): Promise<void>;
}

/**
 * Starts a run whose teardown is hooked to signals and crashes from before the first container
 * until stop(). A failed start has already removed the run when the error is thrown.
 */
export async function startStack(run: StackRun, serviceTimeoutMs = DEFAULT_SERVICE_TIMEOUT_MS): Promise<StartedStack> {
  const removeHooks = teardownOnExit(run, run.progress);
  try {
    await run.start(serviceTimeoutMs);
  } catch (error) {
    removeHooks();
    throw error;
  }
  return {
    // On first use: a run without Prometheus (the overhead bench's own stack) has no StackInfo.
    get info() {
      return describeRun(run);
    },
    stop: async () => {
      const left = leftoverNames(await run.stop());
      removeHooks();
      if (left.length > 0) throw new Error(`teardown of run ${run.runId} left ${left.join(', ')} behind`);
    },
  };
}

/** Start, use, stop: the lifecycle every entry point shares (the stack suites' global setup splits it in two). */
export async function withStack<T>(run: StackRun, use: (info: StackInfo) => Promise<T>): Promise<T> {
  const stack = await startStack(run);
  try {
    return await use(stack.info);
  } finally {
    await stack.stop();
  }
}
