import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectProcessMemory, parseStatm } from '../../../stack/stubs/shared/process-memory.ts';

async function values(registry: Registry): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const metric of await registry.getMetricsAsJSON()) out[metric.name] = metric.values[0]?.value ?? NaN;
  return out;
}

describe('process memory from /proc/self/statm', () => {
  it('reads size, resident and data pages as bytes', () => {
    expect(parseStatm('182110 10458 8802 6802 0 12235 0\n')).toEqual({
      sizeBytes: 182110 * 4096,
      residentBytes: 10458 * 4096,
      dataBytes: 12235 * 4096,
    });
  });

  it('refuses a statm it cannot read, naming what it got', () => {
    expect(() => parseStatm('12 x')).toThrow(/unexpected \/proc\/self\/statm: "12 x"/);
  });

  it("sets prom-client's three gauges from one read, and keeps the last figures when a read fails", async () => {
    let statm = '100 20 0 0 0 30 0';
    const registry = new Registry();
    collectProcessMemory(registry, () => statm);
    const first = await values(registry);
    expect(first).toEqual({
      process_resident_memory_bytes: 20 * 4096,
      process_virtual_memory_bytes: 100 * 4096,
      process_heap_bytes: 30 * 4096,
    });
    statm = 'garbage';
    expect(await values(registry)).toEqual(first);
  });

  it("matches the kernel's VmSize and VmRSS of this process within what moved between two reads", async () => {
    const registry = new Registry();
    collectProcessMemory(registry);
    const read = await values(registry);
    const { readFileSync } = await import('node:fs');
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
    expect(Math.abs(read.process_virtual_memory_bytes! - kb('VmSize'))).toBeLessThan(64 * 1024 * 1024);
    expect(Math.abs(read.process_resident_memory_bytes! - kb('VmRSS'))).toBeLessThan(64 * 1024 * 1024);
    expect(read.process_resident_memory_bytes).toBeGreaterThan(1024 * 1024);
  });
});
