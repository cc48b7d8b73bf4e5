import { docker, lines } from '../engine/docker-cli.ts';
import { LABEL } from './labels.ts';

/** Runs this process has started and not stopped yet: live, though the sweep cannot tell by pid. */
const runsOfThisProcess = new Set<string>();

/** Marks a run of this process as live until the returned function is called. */
export function holdRun(runId: string): () => void {
  runsOfThisProcess.add(runId);
  return () => runsOfThisProcess.delete(runId);
}

// Our own pid is no proof of life: a run left by an earlier process with the same pid (pid 1 in
// a CI container) is a leftover. Runs of this very process are known by holdRun instead.
function ownerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface LeftoverReport {
  containers: string[];
  networks: string[];
  /** Named volumes (the Compose suite's data volumes carry the run's labels too). */
  volumes?: string[];
}

/** Every resource of a report, by name or id: empty when nothing is left. */
export function leftoverNames(report: LeftoverReport): string[] {
  return [...report.containers, ...report.networks, ...(report.volumes ?? [])];
}

/** The named volume that keeps a service's data for one run (removed with the run). */
export function dataVolumeName(stackName: string, runId: string, service: string): string {
  return `${stackName}-${runId}-${service}-data`;
}

/**
 * The reaper image cannot be pulled here, so this does its job: at start, remove every container,
 * network and volume of this stack whose owning process is gone (a crash, a kill -9, a CI timeout).
 * Runs of other live processes and live runs of this one are left alone, so that two runs on one
 * machine, or in one process, do not remove each other.
 */
export async function removeLeftovers(stackName: string): Promise<LeftoverReport> {
  const filter = `label=${LABEL.stack}=${stackName}`;
  const format = `{{.ID}} {{.Label "${LABEL.run}"}} {{.Label "${LABEL.ownerPid}"}}`;
  const stale = (rows: string[]) =>
    rows
      .map((row) => row.split(' '))
      .filter(([, run, pid]) => !runsOfThisProcess.has(run!) && !ownerAlive(Number(pid)))
      .map(([id]) => id!);

  const containers = stale(lines(await docker(['ps', '-a', '--filter', filter, '--format', format])));
  if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
  const networks = stale(lines(await docker(['network', 'ls', '--filter', filter, '--format', format])));
  for (const id of networks) await docker(['network', 'rm', id]);
  const volumes = stale(lines(await docker(['volume', 'ls', '--filter', filter, '--format', format.replace('{{.ID}}', '{{.Name}}')])));
  if (volumes.length > 0) await docker(['volume', 'rm', '-f', ...volumes]);
  return { containers, networks, volumes };
}

/** What of one run is still there (a run's own teardown reports it; the teardown checks read it). */
export async function resourcesOfRun(runId: string): Promise<LeftoverReport> {
  const filter = `label=${LABEL.run}=${runId}`;
  return {
    containers: lines(await docker(['ps', '-a', '--filter', filter, '--format', '{{.Names}}'])),
    networks: lines(await docker(['network', 'ls', '--filter', filter, '--format', '{{.Name}}'])),
    volumes: lines(await docker(['volume', 'ls', '--filter', filter, '--format', '{{.Name}}'])),
  };
}

/**
 * Removes every container, network and named volume labelled with one run, whoever created them
 * (a container a failed or interrupted start created but never handed back). Containers first: a
 * network or volume in use cannot go.
 */
export async function removeRunResources(runId: string): Promise<void> {
  const filter = `label=${LABEL.run}=${runId}`;
  const containers = lines(await docker(['ps', '-a', '--filter', filter, '--format', '{{.ID}}']));
  if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
  for (const id of lines(await docker(['network', 'ls', '--filter', filter, '--format', '{{.ID}}']))) await docker(['network', 'rm', id]);
  const volumes = lines(await docker(['volume', 'ls', '--filter', filter, '--format', '{{.Name}}']));
  if (volumes.length > 0) await docker(['volume', 'rm', '-f', ...volumes]);
}
