import { readFile } from 'node:fs/promises';
import { docker } from '../../stack/engine/docker-cli.ts';

/** A container's CFS counters: how often its quota ran out, and the CPU it used. */
export interface CpuCounters {
  periods: number;
  throttledPeriods: number;
  throttledMs: number;
  usageMs: number;
}

// cgroup v1 (cgroupfs driver, as on our machines) and cgroup v2 (systemd driver, as on CI runners).
const layouts = (id: string) => [
  { stat: `/sys/fs/cgroup/cpu/docker/${id}/cpu.stat`, usage: `/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage` },
  { stat: `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpu.stat`, usage: `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage` },
  { stat: `/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat` },
];

function field(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

async function readCounters(id: string): Promise<CpuCounters | undefined> {
  for (const layout of layouts(id)) {
    let stat: string;
    try {
      stat = await readFile(layout.stat, 'utf8');
    } catch {
      continue;
    }
    const v1Usage = layout.usage ? Number(await readFile(layout.usage, 'utf8')) / 1e6 : undefined;
    return {
      periods: field(stat, 'nr_periods') ?? 0,
      throttledPeriods: field(stat, 'nr_throttled') ?? 0,
      throttledMs: (field(stat, 'throttled_time') ?? 0) / 1e6 || (field(stat, 'throttled_usec') ?? 0) / 1e3,
      usageMs: v1Usage ?? (field(stat, 'usage_usec') ?? 0) / 1e3,
    };
  }
  return undefined;
}

/** Reads every container's counters from the host's cgroup files; a container whose files cannot be read is left out. */
export async function cpuCounters(containers: string[]): Promise<Map<string, CpuCounters>> {
  const out = new Map<string, CpuCounters>();
  for (const name of containers) {
    try {
      const id = (await docker(['inspect', '--format', '{{.Id}}', name])).trim();
      const counters = await readCounters(id);
      if (counters) out.set(name, counters);
    } catch {
      // Not readable here (no access to the host's cgroup files): the result says "unknown".
    }
  }
  return out;
}

export function counterDelta(before: CpuCounters, after: CpuCounters): CpuCounters {
  return {
    periods: after.periods - before.periods,
    throttledPeriods: after.throttledPeriods - before.throttledPeriods,
    throttledMs: after.throttledMs - before.throttledMs,
    usageMs: after.usageMs - before.usageMs,
  };
}
