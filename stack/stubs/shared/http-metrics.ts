import { Counter, Histogram, type Registry } from 'prom-client';
import type { ResponseInfo } from './http-server.ts';

// Request metrics of the stubs that imitate our own services (suna, onyx-core), as the SPEC asks:
// a duration histogram and a request counter by method, route TEMPLATE and status code.

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface HttpMetrics {
  observe(info: ResponseInfo): void;
}

export function createHttpMetrics(registry: Registry, options: { skipRoutes?: string[] } = {}): HttpMetrics {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by route template',
    labelNames,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route template and status code',
    labelNames,
    registers: [registry],
  });
  // Scrapes of the metrics path itself are left out, so that scraping does not move the numbers.
  const skip = new Set(options.skipRoutes ?? []);
  return {
    observe(info) {
      if (skip.has(info.route)) return;
      const labels = { method: info.method, route: info.route, status_code: String(info.statusCode) };
      duration.observe(labels, info.durationSeconds);
      requests.inc(labels);
    },
  };
}
