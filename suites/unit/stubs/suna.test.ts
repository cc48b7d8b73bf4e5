import { describe, expect, it } from 'vitest';
import { sampleValue, stubForSuite } from './helpers.ts';

describe('suna stub', () => {
  const suna = stubForSuite('suna');

  it('labels pages by their route template, never by the raw path', async () => {
    for (const id of ['thread-1', 'thread-2', 'a_b_c']) expect((await suna.get(`/chat/${id}`)).status).toBe(200);
    expect((await suna.get('/')).status).toBe(200);
    const text = await suna.scrape();
    expect(sampleValue(text, 'http_requests_total', { method: 'GET', route: '/chat/[threadId]', status_code: '200' })).toBe(3);
    expect(sampleValue(text, 'http_requests_total', { method: 'GET', route: '/', status_code: '200' })).toBe(1);
    expect(text).not.toContain('thread-1');
  });

  it('moves the request metrics of /api/chat with the dictated latency and outcome', async () => {
    expect((await suna.post('/api/chat', { message: 'hello', latency_ms: 40 })).status).toBe(200);
    expect((await suna.post('/api/chat', { latency_ms: 0, success: false })).status).toBe(502);
    const text = await suna.scrape();
    const ok = { method: 'POST', route: '/api/chat', status_code: '200' };
    expect(sampleValue(text, 'http_request_duration_seconds_count', ok)).toBe(1);
    expect(sampleValue(text, 'http_request_duration_seconds_sum', ok)).toBeGreaterThanOrEqual(0.038);
    expect(sampleValue(text, 'http_requests_total', { ...ok, status_code: '502' })).toBe(1);
  });

  it('renders a thread of N escaped messages, and refuses a bad count with 400', async () => {
    const { status, body: html } = await suna.get('/chat/t1?messages=3');
    expect(status).toBe(200);
    expect(html.match(/<article /g)).toHaveLength(3);
    expect(html).toContain('&lt;searched&gt; the &quot;knowledge base&quot; &amp;');
    for (const bad of ['-1', '1.5', 'x', '1001']) expect((await suna.get(`/chat/t1?messages=${bad}`)).status, bad).toBe(400);
  });
});
