import { readdirSync, readFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { collectedFamily } from './python-client.ts';

// prometheus_client's default collectors of a CPython process on Linux, for the stubs standing for
// Python services: process_* (ProcessCollector), python_gc_* (GCCollector), python_info
// (PlatformCollector). Names, types and labels are the Python client's (0.23.1); the values are
// this Node process's: memory, CPU, start time and descriptors are real; GC collections count
// V8's collections (minor as generation 0, incremental marking as 1, full as 2); V8 does not
// count the objects it frees, so python_gc_objects_* stay 0.

/** What python_info says: the interpreter of the image the stub stands for. */
export interface PythonVersion {
  major: string;
  minor: string;
  patchlevel: string;
}

function procStat(): string[] {
  const text = readFileSync('/proc/self/stat', 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function maxOpenFiles(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s{2,}/)[1] ?? NaN);
}

/** Collections per generation since start, counted from V8's GC notifications. */
function countCollections(): number[] {
  const collections = [0, 0, 0];
  const generationOf = (kind: number) =>
    kind === constants.NODE_PERFORMANCE_GC_MINOR ? 0 : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 2 : 1;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections[generationOf((entry as unknown as { detail: { kind: number } }).detail.kind)]! += 1;
  });
  observer.observe({ entryTypes: ['gc'] });
  // Nothing to stop: the stub's process ends with it, and an unref'd observer keeps nothing alive.
  return collections;
}

export function collectPythonRuntimeMetrics(registry: Registry, version: PythonVersion): void {
  const startTime = Date.now() / 1000 - process.uptime();
  const one = (value: number) => [{ value }];
  collectedFamily(registry, 'process_virtual_memory_bytes', 'Virtual memory size in bytes.', 'gauge', () => one(Number(procStat()[20])));
  collectedFamily(registry, 'process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', () => one(process.memoryUsage.rss()));
  collectedFamily(registry, 'process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', 'gauge', () => one(startTime));
  collectedFamily(registry, 'process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', 'counter', () => {
    const { user, system } = process.cpuUsage();
    return one((user + system) / 1e6);
  });
  collectedFamily(registry, 'process_open_fds', 'Number of open file descriptors.', 'gauge', () => one(readdirSync('/proc/self/fd').length));
  // The limit does not change while the process runs: read once, not on every scrape.
  const maxFds = maxOpenFiles();
  collectedFamily(registry, 'process_max_fds', 'Maximum number of open file descriptors.', 'gauge', () => one(maxFds));

  const collections = countCollections();
  const perGeneration = (values: () => number[]) => () => values().map((value, g) => ({ labels: { generation: String(g) }, value }));
  const zeros = () => [0, 0, 0];
  collectedFamily(registry, 'python_gc_objects_collected_total', 'Objects collected during gc', 'counter', perGeneration(zeros));
  collectedFamily(registry, 'python_gc_objects_uncollectable_total', 'Uncollectable objects found during GC', 'counter', perGeneration(zeros));
  collectedFamily(registry, 'python_gc_collections_total', 'Number of times this generation was collected', 'counter', perGeneration(() => collections));

  const { major, minor, patchlevel } = version;
  const info = { implementation: 'CPython', major, minor, patchlevel, version: `${major}.${minor}.${patchlevel}` };
  collectedFamily(registry, 'python_info', 'Python platform information', 'gauge', () => [{ labels: info, value: 1 }]);
}
