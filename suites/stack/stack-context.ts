import { inject } from 'vitest';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';

/** The running stack for a suite; null (with the reason) when the stack suites are skipped on purpose. */
export function runningStack(): { stack: StackInfo | null; skipReason: string } {
  return { stack: inject('stack'), skipReason: inject('skipReason') };
}
