import { readFile } from 'node:fs/promises';

// A container's CPU and memory as its cgroup counts them, read from the host. cgroup v1 (this
// machine: cgroupfs driver) first, then cgroup v2 with the systemd driver (GitHub's runners).

export interface CgroupReading {
  /** CPU time used since the container started, in nanoseconds. */
  cpuNs: number;
  memoryBytes: number;
  /** Highest memory use since the container started. */
  peakMemoryBytes: number;
}

const V1 = '/sys/fs/cgroup';
const v2Dir = (id: string) => `/sys/fs/cgroup/system.slice/docker-${id}.scope`;

async function number(path: string): Promise<number> {
  return Number((await readFile(path, 'utf8')).trim());
}

async function readV2(id: string): Promise<CgroupReading> {
  const stat = await readFile(`${v2Dir(id)}/cpu.stat`, 'utf8');
  const usec = Number(/^usage_usec (\d+)$/m.exec(stat)?.[1]);
  const memoryBytes = await number(`${v2Dir(id)}/memory.current`);
  const peakMemoryBytes = await number(`${v2Dir(id)}/memory.peak`).catch(() => memoryBytes);
  return { cpuNs: usec * 1000, memoryBytes, peakMemoryBytes };
}

export async function readCgroup(containerId: string): Promise<CgroupReading> {
  try {
    const [cpuNs, memoryBytes, peakMemoryBytes] = await Promise.all([
      number(`${V1}/cpuacct/docker/${containerId}/cpuacct.usage`),
      number(`${V1}/memory/docker/${containerId}/memory.usage_in_bytes`),
      number(`${V1}/memory/docker/${containerId}/memory.max_usage_in_bytes`),
    ]);
    return { cpuNs, memoryBytes, peakMemoryBytes };
  } catch {
    return readV2(containerId).catch(() => {
      throw new Error(`no cgroup counters for container ${containerId.slice(0, 12)} (looked in ${V1}/cpuacct/docker and ${v2Dir('<id>')})`);
    });
  }
}
