import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUB_SERVICES, type StubService } from '../../../stack/stubs/index.ts';
import { basic, CREDS, GOOD_AUTH, metricNames, rawGet, rawRequest, send, startStub, type RunningStub } from './helpers.ts';

// What every stub must do alike: health, basic auth on the metrics path whatever arrives,
// 404 for unknown routes, 400 for bad JSON.

const EXPECTED_METRICS: Record<StubService, string[]> = {
  suna: ['http_request_duration_seconds', 'http_requests_total', 'process_cpu_user_seconds_total', 'nodejs_eventloop_lag_p99_seconds'],
  'onyx-core': [
    'onyx_chat_duration_seconds',
    'onyx_rag_retrieval_duration_seconds',
    'onyx_rag_retrieval_accuracy_score',
    'onyx_task_completion_total',
    'onyx_active_agents',
    'http_request_duration_seconds',
    'http_requests_total',
    'process_resident_memory_bytes',
  ],
  litellm: [
    'litellm_proxy_total_requests_metric_total',
    'litellm_proxy_failed_requests_metric_total',
    'litellm_request_total_latency_metric',
    'litellm_llm_api_latency_metric',
    'litellm_spend_metric_total',
    'litellm_total_tokens_metric_total',
    'litellm_input_tokens_metric_total',
    'litellm_output_tokens_metric_total',
    'litellm_deployment_state',
    'process_cpu_seconds_total',
  ],
  qdrant: ['app_info', 'collections_total', 'collections_vector_total', 'rest_responses_total', 'rest_responses_duration_seconds', 'grpc_responses_total'],
};

/** A JSON endpoint of each stub, to send bad bodies to. */
const JSON_ENDPOINT: Record<StubService, string> = {
  suna: '/api/chat',
  'onyx-core': '/api/chat',
  litellm: '/chat/completions',
  qdrant: '/stub/grpc',
};

const MALFORMED_AUTHORIZATION: [string, Buffer][] = [
  ['not base64', Buffer.from('Basic %%%%not-base64%%%%')],
  ['no colon', Buffer.from(`Basic ${Buffer.from('scraperpassword').toString('base64')}`)],
  ['very long', Buffer.from(`Basic ${'QUFB'.repeat(2000)}`)],
  ['longer than the header limit', Buffer.from(`Basic ${'QUFB'.repeat(20_000)}`)],
  ['raw bytes above 0x7f', Buffer.from([0x42, 0x61, 0x73, 0x69, 0x63, 0x20, 0xff, 0xfe, 0xc3, 0x28])],
  ['a control byte', Buffer.from([0x42, 0x61, 0x73, 0x69, 0x63, 0x20, 0x01, 0x02])],
  ['base64 of non-UTF-8 bytes', Buffer.from(`Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xfd]).toString('base64')}`)],
  ['the wrong scheme', Buffer.from('Bearer sk-1234')],
  ['an empty Basic', Buffer.from('Basic ')],
];

describe.each(STUB_SERVICES.map((s) => s.service))('stub %s', (service) => {
  let running: RunningStub;
  beforeAll(async () => {
    running = await startStub(service);
  });
  afterAll(async () => {
    await running.stub.stop();
  });

  it('answers /health without credentials', async () => {
    const res = await running.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');
  });

  it('refuses the metrics path without credentials, with a Basic challenge', async () => {
    const res = await running.get(running.stub.metricsPath);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="metrics"');
    expect(res.body).not.toContain('# TYPE');
  });

  it('refuses wrong credentials', async () => {
    for (const header of [basic(CREDS.user, 'wrong'), basic('admin', CREDS.password), basic(CREDS.user, '')]) {
      const res = await running.get(running.stub.metricsPath, { authorization: header });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="metrics"');
    }
  });

  it.each(MALFORMED_AUTHORIZATION)('answers 400 or 401 to an Authorization header with %s, and keeps serving', async (_, bytes) => {
    const status = await rawRequest(running.port, rawGet(running.port, running.stub.metricsPath, bytes));
    expect([400, 401]).toContain(status);
    expect((await running.get('/health')).status).toBe(200);
  });

  it('serves the exposition with the right credentials', async () => {
    const res = await running.get(running.stub.metricsPath, { authorization: GOOD_AUTH });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
    const names = metricNames(res.body);
    for (const name of EXPECTED_METRICS[service]) expect(names, name).toContain(name);
  });

  it('answers 404 to an unknown route and 405 to a known path with another method', async () => {
    expect((await running.get('/no/such/route')).status).toBe(404);
    expect((await send(running.base, 'DELETE', '/health')).status).toBe(405);
  });

  it('answers 400 with a one-line error to bad JSON', async () => {
    for (const body of ['{"model": ', 'not json at all', '[1,2,3]', '"a string"']) {
      const res = await running.post(JSON_ENDPOINT[service], body);
      expect(res.status, body).toBe(400);
      expect(res.body.trim().split('\n')).toHaveLength(1);
    }
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await running.post(JSON_ENDPOINT[service], JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect((await running.get('/health')).status).toBe(200);
  });
});
