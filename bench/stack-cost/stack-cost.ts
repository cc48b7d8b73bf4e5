import { metricLine } from '../report/lines.ts';
import type { MetricLine } from '../report/schema.ts';
import type { ResourceProfile, StackModel } from '../../stack/model/schema.ts';
import { readCgroup } from '../cgroup.ts';
import { docker } from '../../stack/engine/docker-cli.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';

// What the monitoring stack itself costs: each monitoring container's mean CPU since it started
// and its peak memory (cgroup counters), against its own cap and against the kvm4 VPS.


export interface ContainerCost {
  service: string;
  capCpu: number;
  capMemoryMiB: number;
  seconds: number;
  cpuNs: number;
  peakMemoryBytes: number;
}

/** The monitoring containers of the run: those the model says the monitoring stack deploys. */
export async function gatherStackCost(info: StackInfo, model: StackModel): Promise<ContainerCost[]> {
  const monitoring = new Set(model.services.filter((s) => s.deployedBy === 'monitoring').map((s) => s.name));
  const services = info.services.filter((s) => monitoring.has(s.name));
  return Promise.all(
    services.map(async (s) => {
      const [id, startedAt] = (await docker(['inspect', '-f', '{{.Id}} {{.State.StartedAt}}', s.container])).trim().split(' ');
      const reading = await readCgroup(id!);
      return {
        service: s.name,
        capCpu: s.cpu,
        capMemoryMiB: s.memoryMiB,
        seconds: (Date.now() - Date.parse(startedAt!)) / 1000,
        cpuNs: reading.cpuNs,
        peakMemoryBytes: reading.peakMemoryBytes,
      };
    }),
  );
}

export function stackCostLines(costs: ContainerCost[], profile: Pick<ResourceProfile, 'totalCpu' | 'totalMemoryMiB'>): MetricLine[] {
  const how = (c: ContainerCost) => `cgroup cpuacct.usage and memory.max_usage_in_bytes over the container's ${c.seconds.toFixed(0)} s, the verify run before the overhead bench`;
  const lines = costs.flatMap((c) => {
    const cores = c.cpuNs / 1e9 / c.seconds;
    const mib = c.peakMemoryBytes / 2 ** 20;
    const labels = { container: c.service };
    return [
      metricLine('stack_cost.cpu_cores', labels, cores, how(c)),
      metricLine('stack_cost.cpu_of_cap_pct', { ...labels, cap: `${c.capCpu}` }, (100 * cores) / c.capCpu, how(c)),
      metricLine('stack_cost.memory_mib', labels, mib, how(c)),
      metricLine('stack_cost.memory_of_cap_pct', { ...labels, cap: `${c.capMemoryMiB}MiB` }, (100 * mib) / c.capMemoryMiB, how(c)),
    ];
  });
  const totalCores = costs.reduce((sum, c) => sum + c.cpuNs / 1e9 / c.seconds, 0);
  const totalMiB = costs.reduce((sum, c) => sum + c.peakMemoryBytes / 2 ** 20, 0);
  // One stable key whatever containers the stack has; which ones were summed is in `how`.
  const all = { containers: 'monitoring' };
  const whole = `sum over the monitoring containers (${costs.map((c) => c.service).join(', ')}) of their mean CPU and peak memory over the run`;
  return [
    ...lines,
    metricLine('stack_cost.kvm4_cpu_pct', all, (100 * totalCores) / profile.totalCpu, `${whole}, against ${profile.totalCpu} vCPU`),
    metricLine('stack_cost.kvm4_memory_pct', all, (100 * totalMiB) / profile.totalMemoryMiB, `${whole}, against ${profile.totalMemoryMiB} MiB`),
  ];
}
