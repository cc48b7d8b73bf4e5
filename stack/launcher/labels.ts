import { randomBytes } from 'node:crypto';

/** Every container and network of a run carries these labels, so leftovers can be found and removed. */
export const LABEL = {
  stack: 'org.onyx.monitoring.stack',
  run: 'org.onyx.monitoring.run',
  ownerPid: 'org.onyx.monitoring.owner-pid',
  service: 'org.onyx.monitoring.service',
} as const;

export function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`.toLowerCase();
}

export function runLabels(stackName: string, runId: string): Record<string, string> {
  return { [LABEL.stack]: stackName, [LABEL.run]: runId, [LABEL.ownerPid]: String(process.pid) };
}
