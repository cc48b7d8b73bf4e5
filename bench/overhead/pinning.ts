import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { docker } from '../../stack/engine/docker-cli.ts';

// Where the overhead bench's processes run. The bench containers share the last CPU and the
// harness that loads them (the load generator) keeps to the others. Why: CPU time per request
// depends on the CPU it ran on. On this 2-vCPU VM two identical containers loaded at the same
// time, free to run anywhere, differed by up to 50 % in CPU per request for a whole epoch
// (2026-12-05, 64 crossover rounds: per-block log-ratios of +64 % and -34 % within one round),
// as if one vCPU ran slower than the other (the host's other guests); on one CPU, both see it alike.

const run = promisify(execFile);

export interface Pinning {
  /** Undoes what `pin` did to the harness; the containers go with their stack. */
  release(): Promise<void>;
  describe: string;
}

export async function pinBench(containerIds: string[], log: (line: string) => void): Promise<Pinning> {
  const cpus = availableParallelism();
  if (cpus < 2) return { release: async () => {}, describe: 'not pinned (one CPU)' };
  const benchCpu = String(cpus - 1);
  const harnessCpus = cpus === 2 ? '0' : `0-${cpus - 2}`;
  await docker(['update', '--cpuset-cpus', benchCpu, ...containerIds]);
  // Every thread of the harness (-a): its event loop, libuv's pool and V8's helpers.
  const harness = await run('taskset', ['-a', '-p', '-c', harnessCpus, String(process.pid)]).then(
    () => true,
    (error: Error) => (log(`overhead: could not keep the harness off CPU ${benchCpu} (${error.message.split('\n')[0]}); the containers are pinned all the same`), false),
  );
  return {
    describe: `bench containers on CPU ${benchCpu}${harness ? `, the harness on CPU ${harnessCpus}` : ''}`,
    release: async () => {
      if (harness) await run('taskset', ['-a', '-p', '-c', `0-${cpus - 1}`, String(process.pid)]).catch(() => {});
    },
  };
}
