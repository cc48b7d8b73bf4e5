import { describe, expect, it } from 'vitest';
import { stackCostLines, type ContainerCost } from '../../../bench/stack-cost/stack-cost.ts';

const prometheus: ContainerCost = { service: 'prometheus', capCpu: 0.85, capMemoryMiB: 2048, seconds: 200, cpuNs: 20e9, peakMemoryBytes: 512 * 2 ** 20 };
const exporter: ContainerCost = { service: 'node-exporter', capCpu: 0.1, capMemoryMiB: 128, seconds: 200, cpuNs: 18e9, peakMemoryBytes: 120 * 2 ** 20 };

describe('stack cost lines', () => {
  const lines = stackCostLines([prometheus, exporter], { totalCpu: 4, totalMemoryMiB: 16384 });
  const value = (key: string) => lines.find((l) => l.key === key);

  it('give mean cores, share of the cap, peak memory and its share per container', () => {
    expect(value('stack_cost.cpu_cores{container=prometheus}')?.value).toBeCloseTo(0.1, 10);
    expect(value('stack_cost.cpu_of_cap_pct{cap=0.85,container=prometheus}')).toMatchObject({ ok: true });
    expect(value('stack_cost.memory_mib{container=prometheus}')?.value).toBe(512);
    expect(value('stack_cost.memory_of_cap_pct{cap=2048MiB,container=prometheus}')?.value).toBe(25);
  });

  it('fail the cap threshold of a container near its cap', () => {
    expect(value('stack_cost.cpu_of_cap_pct{cap=0.1,container=node-exporter}')).toMatchObject({ ok: false });
    expect(value('stack_cost.cpu_of_cap_pct{cap=0.1,container=node-exporter}')?.value).toBeCloseTo(90, 10);
    expect(value('stack_cost.memory_of_cap_pct{cap=128MiB,container=node-exporter}')).toMatchObject({ ok: false });
  });

  it('sum the monitoring containers against the kvm4 budget', () => {
    expect(value('stack_cost.kvm4_cpu_pct{containers=monitoring}')?.value).toBeCloseTo(4.75, 10);
    expect(value('stack_cost.kvm4_memory_pct{containers=monitoring}')?.value).toBeCloseTo((100 * 632) / 16384, 10);
  });
});
