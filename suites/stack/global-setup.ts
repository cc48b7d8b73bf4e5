import type { TestProject } from 'vitest/node';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { createStackRun } from '../../stack/launcher/stack-run.ts';
import { startStack, type StartedStack } from '../../stack/launcher/with-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running stack, or null when the stack suites are skipped on purpose. */
    stack: StackInfo | null;
    skipReason: string;
    /** Why the stack failed to start; empty when it started or was skipped. Stack suites fail with it. */
    startError: string;
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
    project.provide('startError', '');
    return;
  }
  let stack: StartedStack;
  try {
    stack = await startStack(createStackRun({ onProgress: log }));
  } catch (error) {
    // The failed start has already torn the run down. Throwing here would stop vitest before the unit project
    // runs; instead every stack suite fails with this one line (what failed, what it waited for).
    const message = (error as Error).message;
    log(`START FAILED: ${message}`);
    project.provide('stack', null);
    project.provide('skipReason', '');
    project.provide('startError', message);
    return;
  }
  project.provide('stack', stack.info);
  project.provide('skipReason', '');
  project.provide('startError', '');
  return stack.stop;
}
