import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPromClientHttpMetrics } from '../../../bench/overhead/prom-client-http-metrics.ts';
import { createHttpMetrics } from '../../../stack/stubs/shared/http-metrics.ts';
import { createInstrumentationState, INSTRUMENTATION_SWITCH } from '../../../stack/stubs/shared/instrumentation.ts';
import { collectNodeRuntimeMetrics } from '../../../stack/stubs/shared/runtime-metrics.ts';
import type { ResponseInfo } from '../../../stack/stubs/shared/http-server.ts';

const REQUESTS: ResponseInfo[] = [
  { method: 'GET', route: '/', statusCode: 200, durationSeconds: 0.001 },
  { method: 'GET', route: '/', statusCode: 200, durationSeconds: 0.005 },
  { method: 'POST', route: '/api/chat', statusCode: 502, durationSeconds: 0.3 },
  { method: 'GET', route: '/', statusCode: 404, durationSeconds: 20 },
  { method: 'GET', route: '/odd "route"\\', statusCode: 200, durationSeconds: 0.01 },
  { method: 'GET', route: '/metrics', statusCode: 200, durationSeconds: 0.002 },
];

async function exposition(build: (registry: Registry) => { observe(info: ResponseInfo): void }): Promise<string> {
  const registry = new Registry();
  const metrics = build(registry);
  for (const info of REQUESTS) metrics.observe(info);
  return registry.metrics();
}

describe('shared request metrics', () => {
  afterEach(() => {
    delete process.env[INSTRUMENTATION_SWITCH];
  });

  it('expose exactly what plain prom-client exposes for the same requests (buckets, sum, count, escaping)', async () => {
    const shared = await exposition((r) => createHttpMetrics(r));
    expect(shared).toBe(await exposition((r) => createPromClientHttpMetrics(r)));
    expect(shared).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/",status_code="200"} 2');
  });

  it('leave out the skipped routes', async () => {
    const text = await exposition((r) => createHttpMetrics(r, { skipRoutes: ['/metrics'] }));
    expect(text).not.toContain('route="/metrics"');
    expect(text).toContain('http_requests_total{method="GET",route="/",status_code="200"} 2');
  });

  it(`observe nothing and collect no runtime metrics with ${INSTRUMENTATION_SWITCH}=off, the families stay`, async () => {
    process.env[INSTRUMENTATION_SWITCH] = 'off';
    const text = await exposition((r) => createHttpMetrics(r));
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).not.toContain('http_requests_total{');
    const registry = new Registry();
    collectNodeRuntimeMetrics(registry);
    expect(registry.getMetricsAsArray()).toEqual([]);
    delete process.env[INSTRUMENTATION_SWITCH];
    collectNodeRuntimeMetrics(registry);
    expect(await registry.metrics()).toContain('nodejs_eventloop_lag_p99_seconds');
  });

  it('count only while a switchable instrumentation is on', async () => {
    const instrumentation = createInstrumentationState(true);
    const registry = new Registry();
    const metrics = createHttpMetrics(registry, { instrumentation });
    const request: ResponseInfo = { method: 'GET', route: '/', statusCode: 200, durationSeconds: 0.001 };
    metrics.observe(request);
    instrumentation.set(false);
    metrics.observe(request);
    metrics.observe(request);
    instrumentation.set(true);
    metrics.observe(request);
    expect(await registry.metrics()).toContain('http_requests_total{method="GET",route="/",status_code="200"} 2');
  });
});
