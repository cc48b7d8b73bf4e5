import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue, send, stubForSuite } from './helpers.ts';

const SEARCH = '/collections/{name}/points/search';

describe('qdrant stub', () => {
  const qdrant = stubForSuite('qdrant');

  it('reports app_info with the pinned version and no collections at start', async () => {
    const text = await qdrant.scrape();
    expect(sampleValue(text, 'app_info', { name: 'qdrant', version: '1.15.5' })).toBe(1);
    expect(sampleValue(text, 'collections_total')).toBe(0);
    expect(sampleValue(text, 'memory_resident_bytes')).toBeGreaterThan(0);
    expect(parseExposition(text).filter((s) => s.name.startsWith('rest_responses') || s.name.startsWith('collection_hardware'))).toEqual([]);
    expect(text).not.toContain('optimizer_running_processes');
  });

  it('creates collections and upserts points; PUT /collections/{name} is not a whitelisted endpoint', async () => {
    expect((await send(qdrant.base, 'PUT', '/collections/docs', { vectors: { size: 3, distance: 'Cosine' } })).status).toBe(200);
    expect((await send(qdrant.base, 'PUT', '/collections/docs', { vectors: { size: 3, distance: 'Cosine' } })).status).toBe(409);
    expect((await send(qdrant.base, 'PUT', '/collections/bad%20name', { vectors: { size: 3 } })).status).toBe(400);
    const points = [1, 2, 3].map((id) => ({ id, vector: [id, 0, 1] }));
    expect((await send(qdrant.base, 'PUT', '/collections/docs/points', { points })).status).toBe(200);
    expect((await send(qdrant.base, 'PUT', '/collections/docs/points', { points: [points[0]] })).status).toBe(200);

    const text = await qdrant.scrape();
    expect(sampleValue(text, 'collections_total')).toBe(1);
    expect(sampleValue(text, 'collections_vector_total')).toBe(3);
    expect(sampleValue(text, 'rest_responses_total', { method: 'PUT', endpoint: '/collections/{name}/points', status: '200' })).toBe(2);
    expect(parseExposition(text).filter((s) => s.labels.endpoint === '/collections/{name}')).toEqual([]);
    // Two upserts of 3 and 1 points of 3 dimensions, 4 bytes per f32.
    expect(sampleValue(text, 'collection_hardware_metric_vector_io_write', { id: 'docs' })).toBe(4 * 3 * 4);
    expect(sampleValue(text, 'collection_hardware_metric_payload_io_write', { id: 'docs' })).toBe(0);
  });

  it('moves the REST response metrics of a search, timings for status 200 only', async () => {
    const res = await send(qdrant.base, 'POST', '/collections/docs/points/search', { vector: [1, 0, 1], limit: 2, latency_ms: 30 });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', result: [{ id: '1' }, { id: '2' }] });
    expect((await send(qdrant.base, 'POST', '/collections/nope/points/search', { vector: [1, 0, 1] })).status).toBe(404);
    expect((await send(qdrant.base, 'POST', '/collections/docs/points/search', { vector: [1, 0] })).status).toBe(400);

    const text = await qdrant.scrape();
    const ok = { method: 'POST', endpoint: SEARCH, status: '200' };
    expect(sampleValue(text, 'rest_responses_total', ok)).toBe(1);
    expect(sampleValue(text, 'rest_responses_fail_total', ok)).toBe(0);
    expect(sampleValue(text, 'rest_responses_duration_seconds_count', ok)).toBe(1);
    expect(sampleValue(text, 'rest_responses_duration_seconds_sum', ok)).toBeGreaterThanOrEqual(0.029);
    expect(sampleValue(text, 'rest_responses_duration_seconds_bucket', { ...ok, le: '0.02' })).toBe(0);
    expect(sampleValue(text, 'rest_responses_duration_seconds_bucket', { ...ok, le: '50' })).toBe(1);
    expect(sampleValue(text, 'rest_responses_min_duration_seconds', ok)).toBeGreaterThanOrEqual(0.029);
    expect(sampleValue(text, 'rest_responses_total', { ...ok, status: '404' })).toBe(1);
    expect(sampleValue(text, 'rest_responses_total', { ...ok, status: '400' })).toBe(1);
    expect(sampleValue(text, 'rest_responses_duration_seconds_count', { ...ok, status: '404' })).toBeUndefined();
    // One search over 3 points of 3 dimensions.
    expect(sampleValue(text, 'collection_hardware_metric_cpu', { id: 'docs' })).toBe(9);
    expect(sampleValue(text, 'collection_hardware_metric_vector_io_read', { id: 'docs' })).toBe(36);
  });

  it('moves the gRPC response metrics through the stub-only gRPC stand-in', async () => {
    expect((await qdrant.post('/stub/grpc', { endpoint: '/qdrant.Points/Search', latency_ms: 15 })).status).toBe(200);
    expect((await qdrant.post('/stub/grpc', { endpoint: '/qdrant.Points/Search', latency_ms: 1, success: false })).status).toBe(500);
    expect((await qdrant.post('/stub/grpc', { endpoint: '/qdrant.Points/Nope' })).status).toBe(400);
    const text = await qdrant.scrape();
    const search = { endpoint: '/qdrant.Points/Search' };
    // Qdrant's gRPC collector records every call as a success: the failed one counts, with its timing.
    expect(sampleValue(text, 'grpc_responses_total', search)).toBe(2);
    expect(sampleValue(text, 'grpc_responses_fail_total', search)).toBe(0);
    expect(sampleValue(text, 'grpc_responses_duration_seconds_count', search)).toBe(2);
    expect(sampleValue(text, 'grpc_responses_duration_seconds_sum', search)).toBeCloseTo(0.016, 10);
    expect(sampleValue(text, 'grpc_responses_min_duration_seconds', search)).toBeCloseTo(0.001, 10);
    // calculate_avg: mean of the sliding-window means [0.015, (0.015 + 0.001) / 2].
    expect(sampleValue(text, 'grpc_responses_avg_duration_seconds', search)).toBeCloseTo(0.0115, 10);
  });

  it('deletes collections', async () => {
    expect((await send(qdrant.base, 'DELETE', '/collections/docs')).status).toBe(200);
    expect(sampleValue(await qdrant.scrape(), 'collections_total')).toBe(0);
  });
});
