import type { Registry } from 'prom-client';
import { collectRuntimeMetrics } from './http-metrics.ts';

/**
 * prom-client's gauge that measures event-loop lag by awaiting a setImmediate inside each scrape:
 * every scrape then waits for the loop's next check phase, which was half of a stub's metrics
 * time. The same lag stays exported from a histogram that costs nothing at scrape time
 * (nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds).
 */
export const SCRAPE_BLOCKING_DEFAULT_METRICS = ['nodejs_eventloop_lag_seconds'] as const;

/** The Node.js runtime's default metrics (unless instrumentation is switched off), minus the scrape-blocking gauge. */
export function collectNodeRuntimeMetrics(registry: Registry): void {
  collectRuntimeMetrics(registry);
  for (const name of SCRAPE_BLOCKING_DEFAULT_METRICS) registry.removeSingleMetric(name);
}
