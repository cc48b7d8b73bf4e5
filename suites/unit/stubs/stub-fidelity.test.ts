import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../stack/stubs/manifests/load.ts';
import { parseExposition as parseFamilies } from '../../checks/exposition/parse.ts';
import { judgeStubFidelity } from '../../checks/fidelity/stub-fidelity-check.ts';
import { sampleValue, stubForSuite } from './helpers.ts';

// The in-process stubs against their manifests. onyx-core as Onyx v4.6.1's API server writes its /metrics: prometheus_client's text format
// (`_created` gauges, summaries without quantiles, `le="1.0"`), the instrumentator's families,
// Onyx's request callbacks and its connection pool.

describe('onyx-core stub against Onyx v4.6.1', () => {
  const onyx = stubForSuite('onyx-core');

  it('after a slow chat, a retrieval, a task and an agent, every family of the manifest is there as released', async () => {
    expect((await onyx.post('/api/chat', { model: 'gpt-4o', latency_ms: 1100 })).status).toBe(200);
    expect((await onyx.post('/api/rag/retrieve', { vector_count: 10, similarity_threshold: 0.8, latency_ms: 5, accuracy_score: 0.5 })).status).toBe(200);
    expect((await onyx.post('/api/tasks/complete', { task_type: 'summarization', duration_ms: 10 })).status).toBe(200);
    expect((await onyx.post('/api/agents/start', { agent_type: 'coding' })).status).toBe(201);
    const result = judgeStubFidelity('onyx-core', (await loadManifest('onyx-core'))!, parseFamilies(await onyx.scrape()));
    expect(result.details).toEqual([]);
    expect(result.result).toBe('PASS');
  });

  it('writes Python client conventions: _created gauges, summaries of sizes, le as a Python float', async () => {
    const text = await onyx.scrape();
    expect(text).toContain('# TYPE http_requests_created gauge');
    expect(sampleValue(text, 'http_requests_created', { method: 'POST', handler: '/api/chat', status: '200' })).toBeGreaterThan(1.7e9);
    expect(text).toContain('# TYPE http_request_size_bytes summary');
    expect(sampleValue(text, 'http_request_size_bytes_count', { handler: '/api/chat' })).toBe(1);
    expect(sampleValue(text, 'http_request_size_bytes_sum', { handler: '/api/chat' })).toBe(JSON.stringify({ model: 'gpt-4o', latency_ms: 1100 }).length);
    expect(sampleValue(text, 'http_response_size_bytes_sum', { handler: '/api/chat' })).toBeGreaterThan(0);
    expect(sampleValue(text, 'http_request_duration_seconds_bucket', { method: 'POST', handler: '/api/chat', le: '1.0' })).toBe(0);
    expect(sampleValue(text, 'http_request_duration_seconds_bucket', { method: 'POST', handler: '/api/chat', le: '2.5' })).toBe(1);
    expect(text).not.toMatch(/^nodejs_/m);
    expect(sampleValue(text, 'python_info', { implementation: 'CPython', major: '3', minor: '13', patchlevel: '0', version: '3.13.0' })).toBe(1);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts a request over 1 s as slow, every request under tenant "public", and holds a sync pool connection per call', async () => {
    const text = await onyx.scrape();
    expect(sampleValue(text, 'onyx_api_slow_requests_total', { method: 'POST', handler: '/api/chat', status: '200' })).toBe(1);
    expect(sampleValue(text, 'onyx_api_slow_requests_total', { handler: '/api/rag/retrieve' })).toBeUndefined();
    expect(sampleValue(text, 'onyx_api_requests_by_tenant_total', { tenant_id: 'public', handler: '/api/rag/retrieve', status: '200' })).toBe(1);
    expect(sampleValue(text, 'onyx_db_pool_checkout_total', { engine: 'sync' })).toBe(4);
    expect(sampleValue(text, 'onyx_db_pool_checkin_total', { engine: 'sync' })).toBe(4);
    expect(sampleValue(text, 'onyx_db_pool_connections_created_total', { engine: 'sync' })).toBe(1);
    expect(sampleValue(text, 'onyx_db_pool_checked_out', { engine: 'sync' })).toBe(0);
    expect(sampleValue(text, 'onyx_db_pool_checked_in', { engine: 'sync' })).toBe(1);
    expect(sampleValue(text, 'onyx_db_pool_overflow', { engine: 'sync' })).toBe(-39);
    expect(sampleValue(text, 'onyx_db_pool_size', { engine: 'readonly' })).toBe(10);
    expect(sampleValue(text, 'onyx_db_connection_hold_seconds_count', { handler: '/api/chat', engine: 'sync' })).toBe(1);
  });

  it('shows a call in progress, and its connection held, while it runs', async () => {
    const pending = onyx.post('/api/chat', { model: 'gpt-4o', latency_ms: 600 });
    await new Promise((r) => setTimeout(r, 250));
    const during = await onyx.scrape();
    expect(sampleValue(during, 'http_requests_inprogress', { method: 'POST', handler: '/api/chat' })).toBe(1);
    expect(sampleValue(during, 'onyx_db_connections_held_by_endpoint', { handler: '/api/chat', engine: 'sync', tenant_id: 'public' })).toBe(1);
    expect((await pending).status).toBe(200);
    const after = await onyx.scrape();
    expect(sampleValue(after, 'http_requests_inprogress', { method: 'POST', handler: '/api/chat' })).toBe(0);
    expect(sampleValue(after, 'onyx_db_connections_held_by_endpoint', { handler: '/api/chat', engine: 'sync', tenant_id: 'public' })).toBe(0);
  });
});

describe('suna stub against prom-client 15.1.3 in a Next.js app', () => {
  const suna = stubForSuite('suna');

  it('after a page and a chat, every family of the manifest is there, the two costly defaults left out', async () => {
    expect((await suna.get('/')).status).toBe(200);
    expect((await suna.post('/api/chat', { latency_ms: 5 })).status).toBe(200);
    const result = judgeStubFidelity('suna', (await loadManifest('suna'))!, parseFamilies(await suna.scrape()));
    expect(result.details).toEqual([]);
    expect(result.result).toBe('PASS');
  });
});
