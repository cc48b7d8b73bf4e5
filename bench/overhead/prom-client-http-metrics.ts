import { Counter, Histogram, type Registry } from 'prom-client';
import { HTTP_DURATION_BUCKETS, type HttpMetrics } from '../../stack/stubs/shared/http-metrics.ts';


// The same request metrics done the plain prom-client way (labels object, observe and inc on
// every request): the reference the shared instrumentation is measured and checked against.
export function createPromClientHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by route template',
    labelNames,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route template and status code', labelNames, registers: [registry] });
  return {
    observe(info) {
      const labels = { method: info.method, route: info.route, status_code: String(info.statusCode) };
      duration.observe(labels, info.durationSeconds);
      requests.inc(labels);
    },
  };
}
