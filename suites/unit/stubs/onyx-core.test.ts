import { describe, expect, it } from 'vitest';
import { latencyField, MAX_LATENCY_MS } from '../../../stack/stubs/shared/input.ts';
import { labelNames, sampleValue, send, stubForSuite } from './helpers.ts';

describe('onyx-core stub', () => {
  const onyx = stubForSuite('onyx-core');

  it('observes exactly the dictated chat duration, and the HTTP request under its route', async () => {
    const started = Date.now();
    const res = await onyx.post('/api/chat', { model: 'gpt-4o-mini', latency_ms: 120, success: true });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);

    const text = await onyx.scrape();
    const labels = { model: 'gpt-4o-mini', success: 'true' };
    expect(sampleValue(text, 'onyx_chat_duration_seconds_count', labels)).toBe(1);
    expect(sampleValue(text, 'onyx_chat_duration_seconds_sum', labels)).toBeCloseTo(0.12, 10);
    expect(sampleValue(text, 'onyx_chat_duration_seconds_bucket', { ...labels, le: '0.1' })).toBe(0);
    expect(sampleValue(text, 'onyx_chat_duration_seconds_bucket', { ...labels, le: '0.5' })).toBe(1);
    // prometheus-fastapi-instrumentator's labels: handler (the route template) and status.
    expect(sampleValue(text, 'http_requests_total', { method: 'POST', handler: '/api/chat', status: '200' })).toBe(1);
    const http = { method: 'POST', handler: '/api/chat' };
    expect(sampleValue(text, 'http_request_duration_seconds_count', http)).toBe(1);
    expect(sampleValue(text, 'http_request_duration_seconds_sum', http)).toBeGreaterThanOrEqual(0.115);
    expect(sampleValue(text, 'http_request_duration_highr_seconds_count')).toBe(1);
  });

  it('counts a dictated failure under success="false" and answers 502; an unknown model is "other"', async () => {
    expect((await onyx.post('/api/chat', { model: 'mistral-huge', latency_ms: 10, success: false })).status).toBe(502);
    const text = await onyx.scrape();
    expect(sampleValue(text, 'onyx_chat_duration_seconds_count', { model: 'other', success: 'false' })).toBe(1);
    expect(sampleValue(text, 'http_requests_total', { handler: '/api/chat', status: '502' })).toBe(1);
  });

  it('caps a dictated latency at 5000 ms and refuses a negative one', async () => {
    expect(latencyField({ latency_ms: 99_999 }, 0)).toBe(MAX_LATENCY_MS);
    expect(MAX_LATENCY_MS).toBe(5000);
    const res = await onyx.post('/api/chat', { model: 'gpt-4o', latency_ms: -1 });
    expect(res.status).toBe(400);
    expect(res.body).toContain('latency_ms');
  });

  it('buckets vector_count and accepts only the fixed similarity thresholds', async () => {
    const ok = await onyx.post('/api/rag/retrieve', { vector_count: 5000, similarity_threshold: 0.8, latency_ms: 70, accuracy_score: 0.93 });
    expect(ok.status).toBe(200);
    expect((await onyx.post('/api/rag/retrieve', { vector_count: 'gt_100k', similarity_threshold: '0.9', latency_ms: 5 })).status).toBe(200);
    for (const bad of [
      { vector_count: 5000, similarity_threshold: 0.75 },
      { vector_count: 5000, similarity_threshold: '0.80' },
      { vector_count: -3, similarity_threshold: 0.8 },
      { vector_count: 12.5, similarity_threshold: 0.8 },
      { vector_count: 'lots', similarity_threshold: 0.8 },
      { vector_count: 10, similarity_threshold: 0.8, accuracy_score: 1.5 },
    ]) {
      expect((await onyx.post('/api/rag/retrieve', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const text = await onyx.scrape();
    const labels = { vector_count: 'le_10k', similarity_threshold: '0.8' };
    expect(sampleValue(text, 'onyx_rag_retrieval_duration_seconds_count', labels)).toBe(1);
    expect(sampleValue(text, 'onyx_rag_retrieval_duration_seconds_sum', labels)).toBeCloseTo(0.07, 10);
    expect(sampleValue(text, 'onyx_rag_retrieval_duration_seconds_count', { vector_count: 'gt_100k', similarity_threshold: '0.9' })).toBe(1);
    expect(sampleValue(text, 'onyx_rag_retrieval_accuracy_score_count')).toBe(1);
    expect(sampleValue(text, 'onyx_rag_retrieval_accuracy_score_sum')).toBeCloseTo(0.93, 10);
    expect(sampleValue(text, 'onyx_rag_retrieval_accuracy_score_bucket', { le: '0.9' })).toBe(0);
    const thresholds = new Set(
      text.match(/similarity_threshold="[^"]*"/g)?.map((m) => m.slice('similarity_threshold="'.length, -1)),
    );
    expect([...thresholds].every((t) => ['0.5', '0.7', '0.8', '0.9'].includes(t))).toBe(true);
  });

  it('counts task completions by type, outcome and duration category', async () => {
    expect((await onyx.post('/api/tasks/complete', { task_type: 'web_search', success: true, duration_ms: 2500 })).status).toBe(200);
    expect((await onyx.post('/api/tasks/complete', { task_type: 'web_search', success: true, duration_ms: 9999 })).status).toBe(200);
    expect((await onyx.post('/api/tasks/complete', { task_type: 'summarization', success: false, duration_ms: 61_000 })).status).toBe(200);
    expect((await onyx.post('/api/tasks/complete', { task_type: 'anything_goes' })).status).toBe(400);
    const text = await onyx.scrape();
    expect(sampleValue(text, 'onyx_task_completion_total', { task_type: 'web_search', success: 'true', duration_category: '1s_10s' })).toBe(2);
    expect(sampleValue(text, 'onyx_task_completion_total', { task_type: 'summarization', success: 'false', duration_category: 'gt_60s' })).toBe(1);
  });

  it('moves onyx_active_agents on start and stop, with the route template in the HTTP metrics', async () => {
    const gauge = async () => sampleValue(await onyx.scrape(), 'onyx_active_agents', { agent_type: 'research', status: 'running' });
    expect(await gauge()).toBe(0);
    const a = JSON.parse((await onyx.post('/api/agents/start', { agent_type: 'research' })).body) as { agent_id: string };
    const b = JSON.parse((await onyx.post('/api/agents/start', { agent_type: 'research' })).body) as { agent_id: string };
    expect(await gauge()).toBe(2);
    expect((await onyx.post(`/api/agents/${a.agent_id}/stop`, {})).status).toBe(200);
    expect((await onyx.post(`/api/agents/${a.agent_id}/stop`, {})).status).toBe(404);
    expect(await gauge()).toBe(1);
    expect((await onyx.post('/api/agents/start', { agent_type: 'wizard' })).status).toBe(400);

    const text = await onyx.scrape();
    expect(sampleValue(text, 'http_requests_total', { handler: '/api/agents/{agent_id}/stop', status: '200' })).toBe(1);
    expect(text).not.toContain(a.agent_id);
    expect(text).not.toContain(b.agent_id);
    expect(sampleValue(text, 'http_requests_total', { handler: 'none', status: '404' })).toBeUndefined();
    await send(onyx.base, 'GET', '/users/12345/profile');
    // should_group_untemplated: a path no route matches is counted under handler "none".
    expect(sampleValue(await onyx.scrape(), 'http_requests_total', { handler: 'none', status: '404' })).toBe(1);
  });

  it('exposes no user_id label anywhere, and does not count its own scrapes', async () => {
    const text = await onyx.scrape();
    expect(labelNames(text)).not.toContain('user_id');
    expect(text).not.toMatch(/user_id/);
    expect(sampleValue(text, 'http_requests_total', { handler: '/metrics' })).toBeUndefined();
    expect(sampleValue(text, 'http_requests_total', { handler: '/health' })).toBeUndefined();
  });
});
