/**
 * Qdrant stub: the vector database.
 *
 * Product: Qdrant v1.15.5 (tag v1.15.5 of github.com/qdrant/qdrant, commit 48203e414e4e7f639a6d394fb6e4df695f808e51).
 * Families and their shape: src/common/metrics.rs at that tag; histogram buckets and the average:
 * lib/segment/src/common/operation_time_statistics.rs; what counts as a response:
 * src/common/telemetry_ops/requests_telemetry.rs; hardware counters: src/common/telemetry_ops/hardware.rs
 * and lib/storage/src/content_manager/toc/request_hw_counter.rs. The manifest
 * stack/stubs/manifests/qdrant.json lists every family a single node serves, and what is left out.
 *
 * As in Qdrant: only whitelisted endpoints are reported (PUT /collections/{name} is not); every
 * response counts in *_responses_total under its status (REST) or endpoint (gRPC), the fail counters
 * stay 0 (both collectors record every response as a success), and REST timings are kept for status
 * 200 only. memory_*_bytes are the stub process's own figures (Qdrant reads jemalloc's).
 * collection_hardware_metric_* count per collection, as the stub's approximation of Qdrant's
 * accounting: a search adds dims x points scored to cpu and 4 bytes x that to vector_io_read, an
 * upsert adds 4 bytes x dims x points to vector_io_write; the payload counters stay 0 (no payloads).
 *
 * API (bodies as Qdrant's REST API, plus an optional "latency_ms" 0..5000, really waited):
 *   PUT    /collections/{name}                      {"vectors": {"size": n, "distance": "Cosine"|...}}
 *   DELETE /collections/{name}
 *   GET    /collections
 *   PUT    /collections/{name}/points               {"points": [{"id": n|str, "vector": [..]}]}  upsert
 *   POST   /collections/{name}/points/search        {"vector": [..], "limit"?: n}
 *   POST   /stub/grpc                               {"endpoint": "/qdrant.Points/Search", "latency_ms"?: n, "success"?: bool}
 *          stub-only: stands in for a call on the gRPC port (6334), which the stub does not serve.
 *          "success": false answers 500 and, as in Qdrant, still counts as a response with its timing.
 * Background, over loopback: creates collection "background" once, then alternates a REST search
 * and a gRPC Search.
 */
import { Registry } from 'prom-client';
import { HttpError, type ResponseInfo } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, objectField, oneOf, sleep, stringField } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';
import { GRPC_ENDPOINT_WHITELIST, REST_ENDPOINT_WHITELIST } from './qdrant-endpoints.ts';
import { appFamilies, hardwareFamilies, memoryFamilies, responseFamilies } from './qdrant-metrics.ts';

export { QDRANT_DURATION_BUCKETS, QDRANT_VERSION } from './qdrant-metrics.ts';

const DISTANCES = ['Cosine', 'Euclid', 'Dot', 'Manhattan'] as const;
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_COLLECTIONS = 100;
const MAX_POINTS_PER_COLLECTION = 100_000;
const MAX_POINTS_PER_UPSERT = 1_000;

interface Collection {
  size: number;
  distance: string;
  points: Set<string>;
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

  appFamilies(registry, () => ({
    collections: collections.size,
    vectors: [...collections.values()].reduce((sum, c) => sum + c.points.size, 0),
  }));
  memoryFamilies(registry);
  const recordHardware = hardwareFamilies(registry);
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
          recordHardware(params.name ?? '', { vector_io_write: 4 * collection.size * ids.length });
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
          const scored = collection.size * collection.points.size;
          recordHardware(params.name ?? '', { cpu: scored, vector_io_read: 4 * scored });
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
          recordGrpc({ endpoint }, latencyMs / 1000, true);
          return { status: success ? 200 : 500, json: { endpoint, success, latency_ms: latencyMs } };
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
