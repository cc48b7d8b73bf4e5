import { leftoverNames, resourcesOfRun } from '../../../stack/launcher/leftovers.ts';

/**
 * After `event` (a signal at some point of a run), nothing of the run may remain. Returns the
 * problem in one line naming what is left and the likely cause, or undefined when all is gone.
 */
export async function runLeftBehind(runId: string, event: string): Promise<string | undefined> {
  const left = await resourcesOfRun(runId);
  const names = leftoverNames(left);
  if (names.length === 0) return undefined;
  return (
    `${event}: run ${runId} left ${left.containers.length} containers, ${left.networks.length} networks and ` +
    `${left.volumes?.length ?? 0} volumes (${names.join(', ')}): its teardown did not run on the signal`
  );
}
