import { Registry } from 'prom-client';
import { createHttpMetrics, type HttpMetrics } from '../../stack/stubs/shared/http-metrics.ts';
import type { ResponseInfo } from '../../stack/stubs/shared/http-server.ts';
import { createPromClientHttpMetrics } from './prom-client-http-metrics.ts';
import { median } from './stats.ts';

// In-process cost of observing one request: the shared instrumentation against plain
// prom-client, CPU time (process.cpuUsage) over a fixed number of observations, repeated.

export interface MicrobenchResult {
  implementation: 'shared' | 'prom-client';
  usPerRequest: number;
  how: string;
}

// A realistic mix: a handful of routes, methods and status codes, as a service sees them.
const MIX: ResponseInfo[] = ['/', '/chat/[threadId]', '/api/chat', '/api/agents', '/health'].flatMap((route) =>
  [200, 200, 200, 404, 502].map((statusCode, i) => ({ method: i % 2 ? 'POST' : 'GET', route, statusCode, durationSeconds: 0.0004 * (i + 1) })),
);

function cpuUsPer(metrics: HttpMetrics, observations: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < observations; i++) metrics.observe(MIX[i % MIX.length]!);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / observations;
}

export function runMicrobench(options: { observations?: number; repeats?: number } = {}): MicrobenchResult[] {
  const observations = options.observations ?? 200_000;
  const repeats = options.repeats ?? 7;
  const how = `process.cpuUsage over ${observations} observations of ${MIX.length} label sets, median of ${repeats} repeats after one warm-up, one process`;
  const implementations = { shared: createHttpMetrics(new Registry()), 'prom-client': createPromClientHttpMetrics(new Registry()) };
  return (Object.entries(implementations) as [MicrobenchResult['implementation'], HttpMetrics][]).map(([implementation, metrics]) => {
    cpuUsPer(metrics, observations);
    const runs = Array.from({ length: repeats }, () => cpuUsPer(metrics, observations));
    return { implementation, usPerRequest: median(runs), how };
  });
}
