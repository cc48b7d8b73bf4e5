// The metric families of Qdrant v1.15.5's /metrics (src/common/metrics.rs at that tag), fed by
// the qdrant stub. Each function registers one group on the stub's registry and returns what
// moves it.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const QDRANT_VERSION = '1.15.5';
/** DEFAULT_BUCKET_BOUNDARIES_MICROS of lib/segment/src/common/operation_time_statistics.rs, in seconds. */
export const QDRANT_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5, 10, 50];
/** AVG_DATASET_LEN and SLIDING_WINDOW_LEN of the same file. */
const AVG_DATASET_LEN = 128;
const SLIDING_WINDOW_LEN = 8;

/** The fields of HardwareUsage (lib/api/src/rest/models.rs), one counter family each. */
export const HARDWARE_FIELDS = [
  ['cpu', 'CPU measurements of a collection'],
  ['payload_io_read', 'Total IO payload read metrics of a collection'],
  ['payload_index_io_read', 'Total IO payload index read metrics of a collection'],
  ['payload_index_io_write', 'Total IO payload index write metrics of a collection'],
  ['payload_io_write', 'Total IO payload write metrics of a collection'],
  ['vector_io_read', 'Total IO vector read metrics of a collection'],
  ['vector_io_write', 'Total IO vector write metrics of a collection'],
] as const;
export type HardwareField = (typeof HARDWARE_FIELDS)[number][0];
export type HardwareUsage = Partial<Record<HardwareField, number>>;

/** calculate_avg of OperationDurationsAggregator: the mean of sliding-window means of the last 128 timings. */
export function qdrantAverage(timings: readonly number[]): number {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const windowMeans = timings.map((_, i) => mean(timings.slice(Math.max(0, i - SLIDING_WINDOW_LEN), i + 1)));
  return mean(windowMeans);
}

/**
 * rest_* or grpc_* families, fed one response at a time, as OperationDurationMetricsBuilder builds
 * them. Qdrant's collectors record every response as a success (ScopeDurationMeasurer's default),
 * so the fail counter is exposed and stays 0.
 */
export function responseFamilies(registry: Registry, prefix: 'rest' | 'grpc', labelNames: readonly string[]) {
  const opts = { labelNames, registers: [registry] };
  const total = new Counter({ name: `${prefix}_responses_total`, help: 'total number of responses', ...opts });
  const failTotal = new Counter({ name: `${prefix}_responses_fail_total`, help: 'total number of failed responses', ...opts });
  const avg = new Gauge({ name: `${prefix}_responses_avg_duration_seconds`, help: 'average response duration', ...opts });
  const min = new Gauge({ name: `${prefix}_responses_min_duration_seconds`, help: 'minimum response duration', ...opts });
  const max = new Gauge({ name: `${prefix}_responses_max_duration_seconds`, help: 'maximum response duration', ...opts });
  const histogram = new Histogram({
    name: `${prefix}_responses_duration_seconds`,
    help: 'response duration histogram',
    buckets: QDRANT_DURATION_BUCKETS,
    ...opts,
  });
  const windows = new Map<string, { recent: number[]; min: number; max: number }>();

  return (labels: Record<string, string>, seconds: number, withTimings: boolean): void => {
    total.inc(labels);
    failTotal.inc(labels, 0);
    if (!withTimings) return;
    const key = JSON.stringify(labels);
    const stats = windows.get(key) ?? { recent: [], min: seconds, max: seconds };
    windows.set(key, stats);
    stats.recent.push(seconds);
    if (stats.recent.length > AVG_DATASET_LEN) stats.recent.shift();
    stats.min = Math.min(stats.min, seconds);
    stats.max = Math.max(stats.max, seconds);
    avg.set(labels, qdrantAverage(stats.recent));
    min.set(labels, stats.min);
    max.set(labels, stats.max);
    histogram.observe(labels, seconds);
  };
}

/** app_info, app_status_recovery_mode, cluster_enabled, collections_total, collections_vector_total. */
export function appFamilies(registry: Registry, counts: () => { collections: number; vectors: number }): void {
  new Gauge({ name: 'app_info', help: 'information about qdrant server', labelNames: ['name', 'version'], registers: [registry] })
    .set({ name: 'qdrant', version: QDRANT_VERSION }, 1);
  new Gauge({ name: 'app_status_recovery_mode', help: 'features enabled in qdrant server', registers: [registry] }).set(0);
  new Gauge({
    name: 'collections_total',
    help: 'number of collections',
    registers: [registry],
    collect() {
      this.set(counts().collections);
    },
  });
  new Gauge({
    name: 'collections_vector_total',
    help: 'total number of vectors in all collections',
    registers: [registry],
    collect() {
      this.set(counts().vectors);
    },
  });
  // ClusterTelemetry is collected for every caller with global access; a single node reports 0.
  new Gauge({ name: 'cluster_enabled', help: 'is cluster support enabled', registers: [registry] }).set(0);
}

/**
 * memory_*_bytes: jemalloc's stats in Qdrant. The stub has no jemalloc; it reports its own
 * process's figures under the same names (allocated: V8 heap used, active: V8 heap total,
 * metadata: memory outside the heap, resident: RSS, retained: RSS plus array buffers).
 */
export function memoryFamilies(registry: Registry): void {
  const gauge = (name: string, help: string, read: (m: NodeJS.MemoryUsage) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(process.memoryUsage()));
      },
    });
  gauge('memory_active_bytes', 'Total number of bytes in active pages allocated by the application', (m) => m.heapTotal);
  gauge('memory_allocated_bytes', 'Total number of bytes allocated by the application', (m) => m.heapUsed);
  gauge('memory_metadata_bytes', 'Total number of bytes dedicated to metadata', (m) => m.external);
  gauge('memory_resident_bytes', 'Maximum number of bytes in physically resident data pages mapped', (m) => m.rss);
  gauge('memory_retained_bytes', 'Total number of bytes in virtual memory mappings', (m) => m.rss + m.arrayBuffers);
}

/**
 * collection_hardware_metric_* counters {id}: Qdrant creates a collection's entry when a points
 * operation first asks for its hardware counter, and exposes all seven families once any exists.
 */
export function hardwareFamilies(registry: Registry): (collection: string, usage: HardwareUsage) => void {
  const counters = new Map(
    HARDWARE_FIELDS.map(([field, help]) => [
      field,
      new Counter({ name: `collection_hardware_metric_${field}`, help, labelNames: ['id'], registers: [registry] }),
    ]),
  );
  return (collection, usage) => {
    for (const [field, counter] of counters) counter.inc({ id: collection }, usage[field] ?? 0);
  };
}
