import type { Registry } from 'prom-client';
import heapSizeAndUsed from 'prom-client/lib/metrics/heapSizeAndUsed.js';
import heapSpacesSizeAndUsed from 'prom-client/lib/metrics/heapSpacesSizeAndUsed.js';
import processCpuTotal from 'prom-client/lib/metrics/processCpuTotal.js';
import processHandles from 'prom-client/lib/metrics/processHandles.js';
import processMaxFileDescriptors from 'prom-client/lib/metrics/processMaxFileDescriptors.js';
import processOpenFileDescriptors from 'prom-client/lib/metrics/processOpenFileDescriptors.js';
import processRequests from 'prom-client/lib/metrics/processRequests.js';
import processResources from 'prom-client/lib/metrics/processResources.js';
import processStartTime from 'prom-client/lib/metrics/processStartTime.js';
import version from 'prom-client/lib/metrics/version.js';
import { collectEventLoopDelay } from './event-loop-delay.ts';
import { collectProcessMemory } from './process-memory.ts';
import { createInstrumentationState, instrumentationOff, type InstrumentationState } from './instrumentation.ts';

/**
 * prom-client's gauge that measures event-loop lag by awaiting a setImmediate inside each scrape:
 * every scrape then waits for the loop's next check phase, which was half of a stub's metrics
 * time. It is not collected; the same lag stays exported from a histogram that costs nothing at
 * scrape time (event-loop-delay.ts).
 */
export const SCRAPE_BLOCKING_DEFAULT_METRICS = ['nodejs_eventloop_lag_seconds'] as const;
/** prom-client's own default for the event-loop sampler's resolution. */
const EVENT_LOOP_RESOLUTION_MS = 10;

/**
 * prom-client's default collectors of the Node.js runtime (unless instrumentation is switched off),
 * all but the GC one: its PerformanceObserver runs a callback and a labelled observe() for every
 * garbage collection, which a page render triggers every few requests; no dashboard reads
 * nodejs_gc_duration_seconds (see bench/overhead for what it cost).
 */
export function collectNodeRuntimeMetrics(registry: Registry, instrumentation?: InstrumentationState): void {
  if (instrumentationOff()) return;
  const state = instrumentation ?? createInstrumentationState(true);
  const collectors = [
    processCpuTotal,
    processStartTime,
    // prom-client's osMemoryHeap, from /proc/self/statm (process-memory.ts).
    collectProcessMemory,
    processOpenFileDescriptors,
    processMaxFileDescriptors,
    ...(typeof process.getActiveResourcesInfo === 'function' ? [processResources] : []),
    processHandles,
    processRequests,
    heapSizeAndUsed,
    heapSpacesSizeAndUsed,
    version,
  ];
  // Switched off, these cost nothing until a scrape reads them; the scrape-time work is the
  // scrape's, which the overhead bench measures on its own (CPU per scrape).
  for (const collect of collectors) collect(registry);
  collectEventLoopDelay(registry, EVENT_LOOP_RESOLUTION_MS, state);
}
