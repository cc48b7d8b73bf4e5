/**
 * Qdrant stub: the vector database.
 *
 * Product: Qdrant, pinned to the 1.15 line (app_info reports version 1.15.5).
 * Source: qdrant/qdrant src/common/metrics.rs as stored at commit c4bfa71829e0a5d12e7720e3c6c3fde37402e33c,
 * matched to 1.15 by its content (endpoint whitelists, app_info as a gauge, one family per
 * hardware counter after PR #6803 of July 2025, before the 1.16 rework of the metrics module);
 * histogram buckets: DEFAULT_BUCKET_BOUNDARIES_MICROS in lib/segment/src/common/operation_time_statistics.rs;
 * what counts as a response: src/common/telemetry_ops/requests_telemetry.rs.
 *
 * Implemented:
 *   app_info{name,version} gauge 1, app_status_recovery_mode gauge 0, cluster_enabled gauge 0,
 *   collections_total gauge, collections_vector_total gauge, optimizer_running_processes gauge 0,
 *   rest_responses_total, rest_responses_fail_total   counters {method, endpoint, status}
 *   rest_responses_{avg,min,max}_duration_seconds     gauges, status 200 only
 *   rest_responses_duration_seconds                   histogram, status 200 only
 *   grpc_responses_total, grpc_responses_fail_total   counters {endpoint}
 *   grpc_responses_{avg,min,max}_duration_seconds, grpc_responses_duration_seconds
 * Not implemented: cluster peer metrics (distributed mode only), memory_*, collection_hardware_metric_*.
 * As in Qdrant: only whitelisted endpoints are reported (PUT /collections/{name} is not);
 * every REST response counts in rest_responses_total under its status, the REST fail counter stays 0,
 * and timings are kept for status 200 only. The average is a plain mean of the last 128 durations
 * (Qdrant smooths it with a sliding window). The gRPC families appear once a gRPC call was made.
 *
 * API (bodies as Qdrant's REST API, plus an optional "latency_ms" 0..5000, really waited):
 *   PUT    /collections/{name}                      {"vectors": {"size": n, "distance": "Cosine"|...}}
 *   DELETE /collections/{name}
 *   GET    /collections
 *   PUT    /collections/{name}/points               {"points": [{"id": n|str, "vector": [..]}]}  upsert
 *   POST   /collections/{name}/points/search        {"vector": [..], "limit"?: n}
 *   POST   /stub/grpc                               {"endpoint": "/qdrant.Points/Search", "latency_ms"?: n, "success"?: bool}
 *          stub-only: stands in for a call on the gRPC port (6334), which the stub does not serve.
 * Background, over loopback: creates collection "background" once, then alternates a REST search
 * and a gRPC Search.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HttpError, type ResponseInfo } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, objectField, oneOf, sleep, stringField } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';

export const QDRANT_VERSION = '1.15.5';
export const QDRANT_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5, 10, 50];

export const REST_ENDPOINT_WHITELIST = new Set([
  '/collections/{name}/index',
  '/collections/{name}/points',
  '/collections/{name}/points/batch',
  '/collections/{name}/points/count',
  '/collections/{name}/points/delete',
  '/collections/{name}/points/discover',
  '/collections/{name}/points/discover/batch',
  '/collections/{name}/points/facet',
  '/collections/{name}/points/payload',
  '/collections/{name}/points/payload/clear',
  '/collections/{name}/points/payload/delete',
  '/collections/{name}/points/query',
  '/collections/{name}/points/query/batch',
  '/collections/{name}/points/query/groups',
  '/collections/{name}/points/recommend',
  '/collections/{name}/points/recommend/batch',
  '/collections/{name}/points/recommend/groups',
  '/collections/{name}/points/scroll',
  '/collections/{name}/points/search',
  '/collections/{name}/points/search/batch',
  '/collections/{name}/points/search/groups',
  '/collections/{name}/points/search/matrix/offsets',
  '/collections/{name}/points/search/matrix/pairs',
  '/collections/{name}/points/vectors',
  '/collections/{name}/points/vectors/delete',
]);

export const GRPC_ENDPOINT_WHITELIST = [
  '/qdrant.Points/ClearPayload', '/qdrant.Points/Count', '/qdrant.Points/Delete', '/qdrant.Points/DeletePayload',
  '/qdrant.Points/Discover', '/qdrant.Points/DiscoverBatch', '/qdrant.Points/Facet', '/qdrant.Points/Get',
  '/qdrant.Points/OverwritePayload', '/qdrant.Points/Query', '/qdrant.Points/QueryBatch', '/qdrant.Points/QueryGroups',
  '/qdrant.Points/Recommend', '/qdrant.Points/RecommendBatch', '/qdrant.Points/RecommendGroups', '/qdrant.Points/Scroll',
  '/qdrant.Points/Search', '/qdrant.Points/SearchBatch', '/qdrant.Points/SearchGroups', '/qdrant.Points/SetPayload',
  '/qdrant.Points/UpdateBatch', '/qdrant.Points/UpdateVectors', '/qdrant.Points/Upsert',
] as const;

const DISTANCES = ['Cosine', 'Euclid', 'Dot', 'Manhattan'] as const;
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_COLLECTIONS = 100;
const MAX_POINTS_PER_COLLECTION = 100_000;
const MAX_POINTS_PER_UPSERT = 1_000;
const AVG_WINDOW = 128;

interface Collection {
  size: number;
  distance: string;
  points: Set<string>;
}

/** rest_* or grpc_* families, fed one response at a time. */
function responseFamilies(registry: Registry, prefix: 'rest' | 'grpc', labelNames: readonly string[]) {
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

  return (labels: Record<string, string>, seconds: number, success: boolean, withTimings: boolean): void => {
    // Qdrant's aggregator counts a success in `count` and a failure only in `fail_count`.
    total.inc(labels, success ? 1 : 0);
    failTotal.inc(labels, success ? 0 : 1);
    if (!withTimings || !success) return;
    const key = JSON.stringify(labels);
    const stats = windows.get(key) ?? { recent: [], min: seconds, max: seconds };
    windows.set(key, stats);
    stats.recent.push(seconds);
    if (stats.recent.length > AVG_WINDOW) stats.recent.shift();
    stats.min = Math.min(stats.min, seconds);
    stats.max = Math.max(stats.max, seconds);
    avg.set(labels, stats.recent.reduce((a, b) => a + b, 0) / stats.recent.length);
    min.set(labels, stats.min);
    max.set(labels, stats.max);
    histogram.observe(labels, seconds);
  };
}

const ok = (result: unknown, started: bigint) => ({
  json: { result, status: 'ok', time: Number(process.hrtime.bigint() - started) / 1e9 },
});

function vectorField(value: unknown, key: string): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new HttpError(400, `Wrong input: ${key} must be a non-empty array of numbers`);
  }
  return value as number[];
}

export function createQdrantStub({ stopping }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  const collections = new Map<string, Collection>();

  new Gauge({ name: 'app_info', help: 'information about qdrant server', labelNames: ['name', 'version'], registers: [registry] })
    .set({ name: 'qdrant', version: QDRANT_VERSION }, 1);
  new Gauge({ name: 'app_status_recovery_mode', help: 'features enabled in qdrant server', registers: [registry] }).set(0);
  new Gauge({
    name: 'collections_total',
    help: 'number of collections',
    registers: [registry],
    collect() {
      this.set(collections.size);
    },
  });
  new Gauge({
    name: 'collections_vector_total',
    help: 'total number of vectors in all collections',
    registers: [registry],
    collect() {
      let vectors = 0;
      for (const c of collections.values()) vectors += c.points.size;
      this.set(vectors);
    },
  });
  new Gauge({ name: 'optimizer_running_processes', help: 'number of currently running optimization processes', registers: [registry] }).set(0);
  new Gauge({ name: 'cluster_enabled', help: 'is cluster support enabled', registers: [registry] }).set(0);

  const recordRest = responseFamilies(registry, 'rest', ['method', 'endpoint', 'status']);
  const recordGrpc = responseFamilies(registry, 'grpc', ['endpoint']);
  let backgroundStep = 0;

  const existing = (name: string | undefined): Collection => {
    const collection = collections.get(name ?? '');
    if (!collection) throw new HttpError(404, `Not found: Collection \`${name ?? ''}\` doesn't exist!`);
    return collection;
  };

  return {
    registry,
    bodyLimitBytes: 4 * 1024 * 1024,
    errorBody: (_status, message) => ({ status: { error: message }, time: 0 }),
    onResponse: (info: ResponseInfo) => {
      if (!REST_ENDPOINT_WHITELIST.has(info.route)) return;
      recordRest(
        { method: info.method, endpoint: info.route, status: String(info.statusCode) },
        info.durationSeconds,
        true,
        info.statusCode === 200,
      );
    },
    routes: [
      {
        method: 'GET',
        template: '/collections',
        handler: () => ok({ collections: [...collections.keys()].map((name) => ({ name })) }, process.hrtime.bigint()),
      },
      {
        method: 'PUT',
        template: '/collections/{name}',
        handler: async ({ params, readJson }) => {
          const started = process.hrtime.bigint();
          const name = params.name ?? '';
          const body = await readJson();
          if (!COLLECTION_NAME.test(name)) throw new HttpError(400, 'Wrong input: collection name must be 1-255 of [A-Za-z0-9_-]');
          const vectors = objectField(body, 'vectors');
          const size = numberField(vectors, 'size', { fallback: 0, min: 1, max: 65_536, integer: true });
          if (size === 0) throw new HttpError(400, 'Wrong input: vectors.size is required');
          const distance = oneOf(stringField(vectors, 'distance', { fallback: 'Cosine', maxLength: 16 }), DISTANCES, 'vectors.distance');
          await sleep(latencyField(body, 0), stopping);
          if (collections.has(name)) throw new HttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
          if (collections.size >= MAX_COLLECTIONS) throw new HttpError(400, `Wrong input: the stub holds at most ${MAX_COLLECTIONS} collections`);
          collections.set(name, { size, distance, points: new Set() });
          return ok(true, started);
        },
      },
      {
        method: 'DELETE',
        template: '/collections/{name}',
        handler: ({ params }) => ok(collections.delete(params.name ?? ''), process.hrtime.bigint()),
      },
      {
        method: 'PUT',
        template: '/collections/{name}/points',
        handler: async ({ params, readJson }) => {
          const started = process.hrtime.bigint();
          const body = await readJson();
          const collection = existing(params.name);
          const points = body.points;
          if (!Array.isArray(points) || points.length > MAX_POINTS_PER_UPSERT) {
            throw new HttpError(400, `Wrong input: points must be an array of at most ${MAX_POINTS_PER_UPSERT}`);
          }
          const ids = points.map((point: unknown, i) => {
            const { id, vector } = (point ?? {}) as { id?: unknown; vector?: unknown };
            if (!(typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id) && id >= 0))) {
              throw new HttpError(400, `Wrong input: points[${i}].id must be an unsigned integer or a UUID string`);
            }
            if (vectorField(vector, `points[${i}].vector`).length !== collection.size) {
              throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${collection.size}`);
            }
            return String(id);
          });
          if (collection.points.size + ids.length > MAX_POINTS_PER_COLLECTION) {
            throw new HttpError(400, `Wrong input: the stub holds at most ${MAX_POINTS_PER_COLLECTION} points per collection`);
          }
          await sleep(latencyField(body, 0), stopping);
          for (const id of ids) collection.points.add(id);
          return ok({ operation_id: collection.points.size, status: 'completed' }, started);
        },
      },
      {
        method: 'POST',
        template: '/collections/{name}/points/search',
        handler: async ({ params, readJson }) => {
          const started = process.hrtime.bigint();
          const body = await readJson();
          const collection = existing(params.name);
          const vector = vectorField(body.vector, 'vector');
          if (vector.length !== collection.size) {
            throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${vector.length}`);
          }
          const limit = numberField(body, 'limit', { fallback: 10, min: 1, max: 1000, integer: true });
          await sleep(latencyField(body, 0), stopping);
          const hits = [...collection.points].slice(0, limit).map((id, i) => ({ id, version: 0, score: 1 - i / 1000 }));
          return ok(hits, started);
        },
      },
      {
        method: 'POST',
        template: '/stub/grpc',
        handler: async ({ readJson }) => {
          const body = await readJson();
          const endpoint = oneOf(stringField(body, 'endpoint', { maxLength: 64 }), GRPC_ENDPOINT_WHITELIST, 'endpoint');
          const latencyMs = latencyField(body, 5);
          const success = booleanField(body, 'success', true);
          await sleep(latencyMs, stopping);
          recordGrpc({ endpoint }, latencyMs / 1000, success, true);
          return { json: { endpoint, success, latency_ms: latencyMs } };
        },
      },
    ],
    backgroundTick: async (client) => {
      if (!collections.has('background')) {
        await client.call('PUT', '/collections/background', { vectors: { size: 4, distance: 'Cosine' } });
        await client.call('PUT', '/collections/background/points', { points: [{ id: 1, vector: [0.1, 0.2, 0.3, 0.4] }] });
      }
      if (backgroundStep++ % 2 === 0) {
        await client.call('POST', '/collections/background/points/search', { vector: [0.1, 0.2, 0.3, 0.4], limit: 1 });
      } else {
        await client.call('POST', '/stub/grpc', { endpoint: '/qdrant.Points/Search', latency_ms: 2 });
      }
    },
  };
}
