import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LITELLM_PII_LABELS } from '../../../stack/stubs/index.ts';
import { GOOD_AUTH, labelNames, metricNames, parseExposition, sampleValue, stubForSuite } from './helpers.ts';

describe('litellm stub', () => {
  const litellm = stubForSuite('litellm');

  it('serves metrics under /metrics/ and redirects /metrics there, both behind auth', async () => {
    expect(litellm.stub.metricsPath).toBe('/metrics/');
    expect((await litellm.get('/metrics')).status).toBe(401);
    const redirect = await litellm.get('/metrics', { authorization: GOOD_AUTH });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.location).toBe('/metrics/');
  });

  it('moves request, token, spend, latency and deployment metrics by exactly the dictated amounts', async () => {
    const res = await litellm.post(
      '/chat/completions',
      {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hello' }],
        user: 'end-user-42',
        metadata: { user_email: 'alice@example.com' },
        stub: { latency_ms: 120, prompt_tokens: 1000, completion_tokens: 500 },
      },
      { authorization: 'Bearer sk-test-key', 'user-agent': 'workload-driver/1.0' },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ object: 'chat.completion', usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 } });

    const text = await litellm.scrape();
    const who = {
      end_user: 'end-user-42',
      user_email: 'alice@example.com',
      hashed_api_key: createHash('sha256').update('sk-test-key').digest('hex'),
    };
    expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', {
      ...who,
      status_code: '200',
      route: '/chat/completions',
      requested_model: 'gpt-4o-mini',
      client_ip: '127.0.0.1',
      user_agent: 'workload-driver/1.0',
      // v1.81.9-stable counts a plain success in its post-call hook, which sets no model_id.
      model_id: 'None',
    })).toBe(1);
    expect(sampleValue(text, 'litellm_requests_metric_total', { ...who, model: 'gpt-4o-mini' })).toBe(1);
    expect(sampleValue(text, 'litellm_input_tokens_metric_total', who)).toBe(1000);
    expect(sampleValue(text, 'litellm_output_tokens_metric_total', who)).toBe(500);
    expect(sampleValue(text, 'litellm_total_tokens_metric_total', who)).toBe(1500);
    // gpt-4o-mini: 0.15 USD per million input tokens, 0.60 per million output tokens.
    expect(sampleValue(text, 'litellm_spend_metric_total', who)).toBeCloseTo(1000 * 0.15e-6 + 500 * 0.6e-6, 12);
    for (const histogram of ['litellm_request_total_latency_metric', 'litellm_llm_api_latency_metric']) {
      expect(sampleValue(text, `${histogram}_count`, { end_user: 'end-user-42' })).toBe(1);
      expect(sampleValue(text, `${histogram}_sum`, { end_user: 'end-user-42' })).toBeCloseTo(0.12, 10);
      expect(sampleValue(text, `${histogram}_bucket`, { end_user: 'end-user-42', le: '0.1' })).toBe(0);
      expect(sampleValue(text, `${histogram}_bucket`, { end_user: 'end-user-42', le: '0.5' })).toBe(1);
    }
    const deployment = { litellm_model_name: 'openai/gpt-4o-mini', api_provider: 'openai' };
    expect(sampleValue(text, 'litellm_deployment_success_responses_total', { ...deployment, user_agent: 'workload-driver/1.0' })).toBe(1);
    expect(sampleValue(text, 'litellm_deployment_total_requests_total', { ...deployment, user_agent: 'workload-driver/1.0' })).toBe(1);
    expect(sampleValue(text, 'litellm_deployment_state', deployment)).toBe(0);
    // A plain call also fills the overhead, per-output-token latency and remaining-capacity gauges.
    const group = { model_group: 'gpt-4o-mini', ...deployment };
    expect(sampleValue(text, 'litellm_overhead_latency_metric_sum', group)).toBeCloseTo(0.001, 10);
    expect(sampleValue(text, 'litellm_deployment_latency_per_output_token_sum', deployment)).toBeCloseTo(0.12 / 500, 10);
    expect(sampleValue(text, 'litellm_deployment_latency_per_output_token_bucket', { ...deployment, le: '0.005' })).toBe(1);
    expect(sampleValue(text, 'litellm_remaining_requests_metric', group)).toBe(5000 - 1);
    expect(sampleValue(text, 'litellm_remaining_tokens_metric', group)).toBe(2_000_000 - 1500);
    expect(sampleValue(text, 'litellm_remaining_api_key_requests_for_model', { model: 'gpt-4o-mini', hashed_api_key: who.hashed_api_key })).toBe(9223372036854775807);
    expect(sampleValue(text, 'litellm_deployment_tpm_limit', deployment)).toBe(2_000_000);
    expect(sampleValue(text, 'litellm_deployment_rpm_limit', deployment)).toBe(5000);
    // Time to first token is a streaming call's only.
    expect(sampleValue(text, 'litellm_llm_api_time_to_first_token_metric_count', { end_user: 'end-user-42' })).toBeUndefined();
  });

  it('streams server-sent events and observes the time to first token of a streaming call', async () => {
    const res = await litellm.post('/chat/completions', {
      model: 'gpt-4o',
      user: 'streamer',
      stream: true,
      stub: { latency_ms: 80, ttft_ms: 30, completion_tokens: 10, overhead_ms: 0 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^data: \{.*"chat\.completion\.chunk"/);
    expect(res.body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const text = await litellm.scrape();
    expect(sampleValue(text, 'litellm_llm_api_time_to_first_token_metric_sum', { end_user: 'streamer' })).toBeCloseTo(0.03, 10);
    expect(sampleValue(text, 'litellm_llm_api_latency_metric_sum', { end_user: 'streamer' })).toBeCloseTo(0.08, 10);
    // The per-token latency of a stream divides the time to first token; an overhead of 0 reports nothing.
    const deployment = { litellm_model_name: 'openai/gpt-4o' };
    expect(sampleValue(text, 'litellm_deployment_latency_per_output_token_sum', deployment)).toBeCloseTo(0.003, 10);
    expect(sampleValue(text, 'litellm_overhead_latency_metric_count', { model_group: 'gpt-4o' })).toBeUndefined();
    // A streamed success is counted from the logging event, which knows the deployment's model_id.
    const streamed = { end_user: 'streamer', status_code: '200', requested_model: 'gpt-4o' };
    expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', { ...streamed, model_id: 'None' })).toBeUndefined();
    expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', { ...streamed, model_id: createHash('sha256').update('openai/gpt-4o').digest('hex') })).toBe(1);
  });

  it('exposes the personal-data labels the real proxy exposes', async () => {
    const names = labelNames(await litellm.scrape());
    for (const label of LITELLM_PII_LABELS) expect(names, label).toContain(label);
    expect([...LITELLM_PII_LABELS].sort()).toEqual(['client_ip', 'end_user', 'user', 'user_agent', 'user_email']);
  });

  it('counts a dictated upstream failure as a failed proxy request and a deployment failure', async () => {
    const res = await litellm.post('/v1/chat/completions', {
      model: 'claude-3-5-sonnet',
      messages: [{ role: 'user', content: 'hi' }],
      stub: { latency_ms: 5, success: false, status_code: 429 },
    });
    expect(res.status).toBe(429);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: '429' } });
    const text = await litellm.scrape();
    const failure = { requested_model: 'claude-3-5-sonnet', exception_status: '429', exception_class: 'Anthropic.RateLimitError' };
    expect(sampleValue(text, 'litellm_proxy_failed_requests_metric_total', { ...failure, route: '/v1/chat/completions' })).toBe(1);
    expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', { requested_model: 'claude-3-5-sonnet', status_code: '429' })).toBe(1);
    expect(sampleValue(text, 'litellm_deployment_failure_responses_total', failure)).toBe(1);
    expect(sampleValue(text, 'litellm_deployment_state', { litellm_model_name: 'anthropic/claude-3-5-sonnet-20241022' })).toBe(1);
    expect(sampleValue(text, 'litellm_requests_metric_total', { model: 'claude-3-5-sonnet-20241022' })).toBeUndefined();
  });

  it('moves nothing for a dictated 401, as the proxy skips metrics of invalid-key requests', async () => {
    const before = parseExposition(await litellm.scrape()).filter((x) => x.name.startsWith('litellm_'));
    const res = await litellm.post('/chat/completions', { model: 'gpt-4o', stub: { latency_ms: 1, success: false, status_code: 401 } });
    expect(res.status).toBe(401);
    const after = parseExposition(await litellm.scrape()).filter((x) => x.name.startsWith('litellm_'));
    expect(after).toEqual(before);
  });

  it('answers an unknown model with 400 and counts it as a failed proxy request', async () => {
    const res = await litellm.post('/chat/completions', { model: 'gpt-9', messages: [] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: '400' } });
    const text = await litellm.scrape();
    expect(sampleValue(text, 'litellm_proxy_failed_requests_metric_total', { requested_model: 'gpt-9', exception_status: '400' })).toBe(1);
    expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', { requested_model: 'gpt-9', status_code: '400' })).toBe(1);
  });

  it('exposes the Python process metrics but no Node.js runtime metrics', async () => {
    const text = await litellm.scrape();
    const names = metricNames(text);
    expect(names).toContain('process_resident_memory_bytes');
    expect([...names].filter((n) => n.startsWith('nodejs_'))).toEqual([]);
    expect(names).not.toContain('process_heap_bytes');
    expect(parseExposition(text).every((s) => Number.isFinite(s.value))).toBe(true);
  });
});
