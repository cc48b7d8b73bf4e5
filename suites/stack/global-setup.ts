import type { TestProject } from 'vitest/node';
import { createStackRun, DEFAULT_SERVICE_TIMEOUT_MS } from '../../stack/launcher/stack.ts';
import { describeRun, type StackInfo } from '../../stack/launcher/stack-info.ts';
import { teardownOnExit } from '../../stack/launcher/teardown.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running stack, or null when the stack suites are skipped on purpose. */
    stack: StackInfo | null;
    skipReason: string;
  }
}

const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);

/** One stack for the whole stack project: started before the first suite, removed after the last. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.ONYX_SKIP_STACK === '1') {
    const reason = 'ONYX_SKIP_STACK=1: the stack was not started, every stack check is NOT VERIFIED';
    log(reason);
    project.provide('stack', null);
    project.provide('skipReason', reason);
    return;
  }
  const run = createStackRun({ onProgress: log });
  const removeHooks = teardownOnExit(run, log);
  try {
    await run.start(DEFAULT_SERVICE_TIMEOUT_MS);
  } catch (error) {
    removeHooks();
    // What failed and what to do, without a stack trace; the stack is already torn down by start().
    const clear = new Error((error as Error).message);
    clear.stack = `${clear.name}: ${clear.message}`;
    throw clear;
  }
  project.provide('stack', describeRun(run));
  project.provide('skipReason', '');
  return async () => {
    const left = await run.stop();
    removeHooks();
    if (left.containers.length + left.networks.length > 0) {
      throw new Error(`teardown left ${[...left.containers, ...left.networks].join(', ')} behind`);
    }
  };
}
