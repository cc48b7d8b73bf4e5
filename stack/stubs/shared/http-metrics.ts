import type { Metric, Registry } from 'prom-client';
import type { ResponseInfo } from './http-server.ts';
import { createInstrumentationState, instrumentationOff, type InstrumentationState } from './instrumentation.ts';

// Request metrics of the stubs that imitate our own services (suna, onyx-core), as the SPEC asks:
// a duration histogram and a request counter by method, route TEMPLATE and status code.
//
// Cheap on the request path (bench/overhead measures it): each label set is one bound series,
// found through nested maps without building a key, so observing a request allocates nothing
// and hashes nothing; the counter is the histogram's count of the same series. prom-client's own
// observe() hashes and validates the labels on every call (about 3 µs here). The families are
// registered in prom-client's Registry, which renders them in the same text format as its own.
//
// With the instrumentation off (instrumentation.ts) no request is observed; the families stay, empty.

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface HttpMetrics {
  observe(info: ResponseInfo): void;
}

interface Series {
  labels: { method: string; route: string; status_code: string };
  /** Per bucket (not cumulative), the last slot is +Inf. */
  buckets: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  metricName?: string;
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
}

function family(name: string, help: string, type: 'histogram' | 'counter', values: () => MetricValue[]): Metric {
  // The shape Registry.metrics() reads from any metric (name, help, type, get()).
  const metric = { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: values() }), reset() {} };
  return metric as unknown as Metric;
}

function bucketIndex(seconds: number): number {
  let i = 0;
  while (i < HTTP_DURATION_BUCKETS.length && seconds > HTTP_DURATION_BUCKETS[i]!) i++;
  return i;
}

export interface HttpMetricsOptions {
  skipRoutes?: string[];
  /** Checked on every request; default: on unless ONYX_INSTRUMENTATION=off. */
  instrumentation?: InstrumentationState;
}

export function createHttpMetrics(registry: Registry, options: HttpMetricsOptions = {}): HttpMetrics {
  const series: Series[] = [];
  const byMethod = new Map<string, Map<string, Map<number, Series>>>();

  function seriesFor(method: string, route: string, statusCode: number): Series {
    let byRoute = byMethod.get(method);
    if (!byRoute) byMethod.set(method, (byRoute = new Map()));
    let byStatus = byRoute.get(route);
    if (!byStatus) byRoute.set(route, (byStatus = new Map()));
    let found = byStatus.get(statusCode);
    if (!found) {
      found = { labels: { method, route, status_code: String(statusCode) }, buckets: new Float64Array(HTTP_DURATION_BUCKETS.length + 1), sum: 0, count: 0 };
      byStatus.set(statusCode, found);
      series.push(found);
    }
    return found;
  }

  const durationName = 'http_request_duration_seconds';
  registry.registerMetric(
    family(durationName, 'Duration of HTTP requests in seconds, by route template', 'histogram', () =>
      series.flatMap((s): MetricValue[] => {
        let cumulative = 0;
        const buckets: MetricValue[] = HTTP_DURATION_BUCKETS.map((le, i) => {
          cumulative += s.buckets[i]!;
          return { metricName: `${durationName}_bucket`, labels: { le }, sharedLabels: s.labels, value: cumulative };
        });
        return [
          ...buckets,
          { metricName: `${durationName}_bucket`, labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count },
          { metricName: `${durationName}_sum`, labels: {}, sharedLabels: s.labels, value: s.sum },
          { metricName: `${durationName}_count`, labels: {}, sharedLabels: s.labels, value: s.count },
        ];
      }),
    ),
  );
  registry.registerMetric(
    family('http_requests_total', 'HTTP requests answered, by route template and status code', 'counter', () =>
      series.map((s) => ({ labels: s.labels, value: s.count })),
    ),
  );

  const instrumentation = options.instrumentation ?? createInstrumentationState(!instrumentationOff());
  // Scrapes of the metrics path itself are left out, so that scraping does not move the numbers.
  const skip = new Set(options.skipRoutes ?? []);
  return {
    observe(info) {
      if (!instrumentation.on || skip.has(info.route)) return;
      const s = seriesFor(info.method, info.route, info.statusCode);
      s.buckets[bucketIndex(info.durationSeconds)]! += 1;
      s.sum += info.durationSeconds;
      s.count += 1;
    },
  };
}
