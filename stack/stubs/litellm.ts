/**
 * LiteLLM stub: the LLM proxy.
 *
 * Product: LiteLLM proxy (github.com/BerriAI/litellm, MIT), release v1.81.9-stable, commit
 * a09d3e9162ebd7b436a68e92c2b9b6c070fa72d8 (the tag's commit as CartoDB/litellm's "sync: merge v1.81.9-stable tag"
 * merges it; the manifest's `evidence` says how it was established). Label sets, LATENCY_BUCKETS: the tag's
 * litellm/types/integrations/prometheus.py (litellm-labels.ts); the family list and types: every metric factory
 * call of the tag's litellm/integrations/prometheus.py. What each call moves: that module read at main commit
 * 002de3dd1f256b09f77c7fb3f829d4942d4bf2f0, a later state (litellm-metrics.ts), not audited call by call against
 * the tag, except litellm_proxy_total_requests_metric on success, read at the tag: a non-streamed success counts
 * there with model_id "None" (async_post_call_success_hook), a streamed one with its model_id (the logging event).
 * Not reproduced: the tag counts a success twice when callbacks name "prometheus" as a string (PR #21159 fixed
 * that in v1.81.14), which depends on how the proxy is configured. Text format and default collectors as
 * prometheus_client writes them (python-client.ts, python-runtime-metrics.ts: _total counters, _created gauges,
 * process_*, python_gc_*, python_info).
 * Every family a plain proxy call fills is exposed, and the two label-less count gauges at 0; the manifest
 * stack/stubs/manifests/litellm.json lists them and every other family with why it is left out (budgets, teams,
 * guardrails, caching, fallbacks...).
 * Metrics are served under /metrics/ (the mounted ASGI app).
 *
 * Personal data in labels, exposed exactly as the real proxy does (the scrape job drops them):
 * LITELLM_PII_LABELS. Unset values are the string "None", as prometheus_client renders Python's None.
 *
 * API:
 *   POST /chat/completions and /v1/chat/completions, an OpenAI body:
 *     {"model": one of DEPLOYMENTS, "messages": [...], "user"?: end user id, "stream"?: bool,
 *      "metadata"?: {"user_email"?: the key owner's email},
 *      "stub"?: {"latency_ms"?: 0..5000 (default 50), "success"?: bool, "status_code"?: failure status (default 429),
 *                "prompt_tokens"?: n, "completion_tokens"?: n, "ttft_ms"?: time to first token of a stream
 *                (default a quarter of latency_ms), "overhead_ms"?: the proxy's own processing time (default 1)}}
 *     Authorization: Bearer sk-... is optional; its sha256 is the hashed_api_key label.
 *     Success: waits latency_ms and observes latency_ms/1000 in both latency histograms; overhead_ms is
 *     reported, not waited (0 reports nothing, as in the proxy). A stream answers server-sent events.
 *     A dictated 401 moves nothing (the proxy skips invalid-key requests). An unknown model is a 400
 *     counted as a failed proxy request only, as no deployment was picked. A provider's failure is labelled
 *     exception_class="<Provider>.<Class>" ("Anthropic.RateLimitError"), as _get_exception_class_name writes it.
 *   GET /models and /v1/models: the deployments.
 * Background: a gpt-4o-mini completion of 20 ms over loopback, every other one streamed.
 */
import { Registry } from 'prom-client';
import { instrumentationOff } from './shared/instrumentation.ts';
import type { Reply, RouteContext } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, objectField, oneOf, sleep } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';
import { DEPLOYMENTS, FAILURE_CLASSES, providerRateLimits } from './litellm-deployments.ts';
import { liteLlmFamilies, type Values } from './litellm-metrics.ts';
import { collectPythonRuntimeMetrics } from './python-runtime-metrics.ts';
import { callerValues, completionReply, openAiError, promptTokens, sha256 } from './litellm-request.ts';
import { LITELLM_PII_LABELS } from '../model/stub-services.ts';

export { DEPLOYMENTS } from './litellm-deployments.ts';
export { LITELLM_LATENCY_BUCKETS } from './litellm-labels.ts';
export { LITELLM_PII_LABELS };

/** The runtime image of the proxy's Dockerfile as the code index holds it (python:3.11.8-slim, commit 003e9622). */
const LITELLM_PYTHON = { major: '3', minor: '11', patchlevel: '8' };
const MAX_DICTATED_MS = 5000;

export function createLiteLlmStub({ stopping }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  if (!instrumentationOff()) collectPythonRuntimeMetrics(registry, LITELLM_PYTHON);
  const metrics = liteLlmFamilies(registry);
  const rateLimits = providerRateLimits();
  let completionId = 0;
  let backgroundStep = 0;

  /** The exception class as _get_exception_class_name labels it: "Openai.RateLimitError" when a provider raised it. */
  function exceptionClass(status: number, provider?: string): string {
    const name = FAILURE_CLASSES[String(status)] ?? 'APIError';
    return provider ? `${provider[0]!.toUpperCase()}${provider.slice(1)}.${name}` : name;
  }

  function fail(values: Values, status: number, message: string): Reply {
    const failure = { ...values, exception_status: String(status), exception_class: exceptionClass(status, values.api_provider) };
    if (status !== 401) metrics.proxyFailure(failure);
    return { status, json: openAiError(status, `litellm.${FAILURE_CLASSES[String(status)] ?? 'APIError'}: ${message}`) };
  }

  async function chatCompletions(route: string, { req, readJson }: RouteContext): Promise<Reply> {
    const body = await readJson();
    const caller = callerValues(req, route, body);
    const dictated = objectField(body, 'stub');
    const latencyMs = latencyField(dictated, 50);
    const success = booleanField(dictated, 'success', true);
    const stream = booleanField(body, 'stream', false);
    const failureStatus = Number(oneOf(String(numberField(dictated, 'status_code', { fallback: 429, integer: true })), Object.keys(FAILURE_CLASSES), 'stub.status_code'));
    const prompt = numberField(dictated, 'prompt_tokens', { fallback: promptTokens(body), min: 0, max: 1e7, integer: true });
    const completion = numberField(dictated, 'completion_tokens', { fallback: 16, min: 0, max: 1e7, integer: true });
    const ttftMs = numberField(dictated, 'ttft_ms', { fallback: Math.floor(latencyMs / 4), min: 0, max: MAX_DICTATED_MS });
    const overheadMs = numberField(dictated, 'overhead_ms', { fallback: 1, min: 0, max: MAX_DICTATED_MS });

    const requestedModel = typeof body.model === 'string' ? body.model.slice(0, 256) : 'None';
    const deployment = DEPLOYMENTS[requestedModel];
    const values: Values = { ...caller, requested_model: requestedModel };
    if (!deployment) {
      return fail(values, 400, `Invalid model name passed in model=${requestedModel}. Call /v1/models to view available models for your key.`);
    }
    const litellmModelName = `${deployment.provider}/${deployment.upstreamModel}`;
    Object.assign(values, {
      model: deployment.upstreamModel,
      model_group: requestedModel,
      litellm_model_name: litellmModelName,
      model_id: sha256(litellmModelName),
      api_base: deployment.apiBase,
      api_provider: deployment.provider,
    });

    await sleep(latencyMs, stopping);
    if (!success) {
      const failure = { ...values, exception_status: String(failureStatus), exception_class: exceptionClass(failureStatus, deployment.provider) };
      if (failureStatus !== 401) metrics.deploymentFailure(failure);
      return fail(values, failureStatus, 'dictated failure');
    }

    metrics.success(values, {
      spendUsd: prompt * deployment.usdPerInputToken + completion * deployment.usdPerOutputToken,
      promptTokens: prompt,
      completionTokens: completion,
      latencySeconds: latencyMs / 1000,
      streamed: stream,
      ttftSeconds: stream ? Math.min(ttftMs, latencyMs) / 1000 : undefined,
      overheadMs,
      ...rateLimits(requestedModel, deployment, prompt + completion),
      tpmLimit: deployment.tpm,
      rpmLimit: deployment.rpm,
    });
    const id = `chatcmpl-stub-${++completionId}`;
    return completionReply({ id, model: deployment.upstreamModel, promptTokens: prompt, completionTokens: completion }, stream);
  }

  const models = (): Reply => ({
    json: { object: 'list', data: Object.keys(DEPLOYMENTS).map((id) => ({ id, object: 'model', created: 1677610602, owned_by: 'openai' })) },
  });

  return {
    registry,
    errorBody: openAiError,
    routes: [
      { method: 'POST', template: '/chat/completions', handler: (ctx) => chatCompletions('/chat/completions', ctx) },
      { method: 'POST', template: '/v1/chat/completions', handler: (ctx) => chatCompletions('/v1/chat/completions', ctx) },
      { method: 'GET', template: '/models', handler: models },
      { method: 'GET', template: '/v1/models', handler: models },
    ],
    backgroundTick: async (client) => {
      await client.call('POST', '/chat/completions', {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'ping' }],
        stream: backgroundStep++ % 2 === 1,
        stub: { latency_ms: 20 },
      });
    },
  };
}
