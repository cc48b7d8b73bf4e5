import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { docker } from '../../stack/engine/docker-cli.ts';

// Where the overhead bench's processes run: the bench containers share the last CPU and the
// harness that loads them (the load generator) keeps to the others, so the load generator never
// interrupts a measured process on its own CPU. Measured on the host (2026-12-05): a suna stub
// pinned apart from its load settled at 380-423 µs per page; free to share CPUs with it, it went
// through phases of about 700. In the bench it narrowed the A/A interval from 5.7 to 4.1 points;
// most of the spread that remained was the processes' warm-up (run-overhead.ts), not placement.

const run = promisify(execFile);

export interface Pinning {
  /** Undoes what `pinBench` did to the harness; the containers go with their stack. */
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
