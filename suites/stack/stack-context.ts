import { describe, inject, it } from 'vitest';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';

/**
 * A suite that needs the running stack. Three cases, never a silent pass:
 * - the stack runs: the body gets it;
 * - the stack was skipped on purpose (ONYX_SKIP_STACK=1): the suite is skipped and its title says
 *   NOT VERIFIED with the reason;
 * - the stack failed to start: the suite fails with that error, and the unit project still runs.
 */
export function describeOnStack(title: string, body: (stack: StackInfo) => void): void {
  const stack = inject('stack');
  const startError = inject('startError');
  if (startError) {
    describe(title, () => {
      it('has a running stack', () => {
        throw new Error(`the stack did not start: ${startError}`);
      });
    });
  } else if (stack === null) {
    describe.skip(`${title} (NOT VERIFIED: ${inject('skipReason')})`, () => {
      it('needs the running stack', () => undefined);
    });
  } else {
    describe(title, () => body(stack));
  }
}
