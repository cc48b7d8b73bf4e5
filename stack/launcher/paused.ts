import { docker } from '../engine/docker-cli.ts';
import type { StackInfo } from './stack-info.ts';

/**
 * Runs `work` with every container of the run frozen (`docker pause`), and thaws them after, also
 * when `work` throws: for a measurement that needs the machine's cores to itself. Only for a run
 * this process started; a deployment checked with `verify --target` is never touched.
 */
export async function withStackPaused<T>(info: StackInfo, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const containers = info.services.map((s) => s.container);
  log(`pausing the ${containers.length} containers of run ${info.runId} while this runs`);
  await docker(['pause', ...containers]);
  try {
    return await work();
  } finally {
    await docker(['unpause', ...containers]);
    log(`run ${info.runId} unpaused`);
  }
}
