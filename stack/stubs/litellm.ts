/**
 * LiteLLM stub: the LLM proxy.
 *
 * Product: LiteLLM proxy (BerriAI/litellm), pinned to git commit ed19250bf037d94d5c76af1a61eeb1c08ab269c1
 * (a 2026 main-branch state, after client_ip/user_agent labels were added in PR #19717; no release
 * tag could be matched to it from the sources at hand).
 * Source files: litellm/types/integrations/prometheus.py at that commit (label names of every metric,
 * LATENCY_BUCKETS); litellm/integrations/prometheus.py (metric names and types, which labels each
 * request outcome sets), read at commit 002de3dd1f256b09f77c7fb3f829d4942d4bf2f0, a later state
 * whose definitions of the metrics below are the same.
 * prometheus_client appends _total to counters; prom-client does not, so counters carry the
 * exposed name. Metrics are served under /metrics/ (the mounted ASGI app); /metrics redirects.
 *
 * Implemented (label sets as in PrometheusMetricLabels):
 *   litellm_proxy_total_requests_metric_total   counter    every answered /chat/completions, by status_code
 *   litellm_proxy_failed_requests_metric_total  counter    failures, by exception_status and exception_class
 *   litellm_requests_metric_total               counter    successful LLM calls (deprecated upstream, still emitted)
 *   litellm_llm_api_failed_requests_metric_total counter   failed LLM calls (deprecated upstream, still emitted)
 *   litellm_spend_metric_total                  counter    USD, prompt/completion tokens x the price table below
 *   litellm_total_tokens_metric_total, litellm_input_tokens_metric_total, litellm_output_tokens_metric_total
 *   litellm_request_total_latency_metric        histogram  LATENCY_BUCKETS
 *   litellm_llm_api_latency_metric              histogram  LATENCY_BUCKETS
 *   litellm_deployment_success_responses_total, litellm_deployment_failure_responses_total,
 *   litellm_deployment_total_requests_total     counters   per deployment
 *   litellm_deployment_state                    gauge      0 healthy after a success, 1 partial outage after a failure
 *   process_*                                   the Python process collector's six metrics (not python_gc_*, python_info)
 * Not implemented: budgets, rate-limit remaining, fallbacks, cache, guardrail, queue, batch metrics, *_created samples.
 *
 * Personal data in labels, exposed exactly as the real proxy does (the scrape job drops them):
 * LITELLM_PII_LABELS. Unset values are the string "None", as prometheus_client renders Python's None.
 *
 * API:
 *   POST /chat/completions and /v1/chat/completions, an OpenAI body:
 *     {"model": one of DEPLOYMENTS, "messages": [...], "user"?: end user id,
 *      "metadata"?: {"user_email"?: the key owner's email},
 *      "stub"?: {"latency_ms"?: 0..5000 (default 50), "success"?: bool,
 *                "status_code"?: failure status (default 429), "prompt_tokens"?: n, "completion_tokens"?: n}}
 *     Authorization: Bearer sk-... is optional; its sha256 is the hashed_api_key label.
 *     Success: waits latency_ms, observes latency_ms/1000 in both latency histograms, counts tokens and spend.
 *     An unknown model is a 400 counted as a failed proxy request, as the proxy does.
 *   GET /models and /v1/models: the deployments.
 * Background: one gpt-4o-mini completion of 20 ms over loopback.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectRuntimeMetrics } from './shared/http-metrics.ts';
import { HttpError, type Reply, type RouteContext } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, objectField, oneOf, sleep, stringField } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';

import { LITELLM_PII_LABELS } from './services.ts';

export { LITELLM_PII_LABELS };

export const LITELLM_LATENCY_BUCKETS = [
  0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0,
  7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0, 120.0, 180.0, 240.0, 300.0,
];

// PrometheusMetricLabels at the pinned commit.
const LABELS = {
  llm_api_latency: ['model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'requested_model', 'end_user', 'user', 'model_id'],
  request_total_latency: ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user', 'model', 'model_id'],
  proxy_total_requests: ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user', 'status_code', 'user_email', 'route', 'client_ip', 'user_agent', 'model_id'],
  proxy_failed_requests: ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user', 'user_email', 'exception_status', 'exception_class', 'route', 'client_ip', 'user_agent', 'model_id'],
  requests_and_spend: ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user', 'user_email', 'client_ip', 'user_agent', 'model_id'],
  tokens: ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user', 'user_email', 'requested_model', 'model_id'],
  llm_api_failed: ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user', 'model_id'],
  deployment_state: ['litellm_model_name', 'model_id', 'api_base', 'api_provider'],
  deployment_requests: ['requested_model', 'litellm_model_name', 'model_id', 'api_base', 'api_provider', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'client_ip', 'user_agent'],
  deployment_failures: ['requested_model', 'litellm_model_name', 'model_id', 'api_base', 'api_provider', 'exception_status', 'exception_class', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'client_ip', 'user_agent'],
} as const;

interface Deployment {
  upstreamModel: string;
  provider: string;
  apiBase: string;
  usdPerInputToken: number;
  usdPerOutputToken: number;
}

/** The model_list of the stub's config: public list prices, USD per token. */
export const DEPLOYMENTS: Record<string, Deployment> = {
  'gpt-4o-mini': { upstreamModel: 'gpt-4o-mini', provider: 'openai', apiBase: 'https://api.openai.com/v1', usdPerInputToken: 0.15e-6, usdPerOutputToken: 0.6e-6 },
  'gpt-4o': { upstreamModel: 'gpt-4o', provider: 'openai', apiBase: 'https://api.openai.com/v1', usdPerInputToken: 2.5e-6, usdPerOutputToken: 10e-6 },
  'claude-3-5-sonnet': { upstreamModel: 'claude-3-5-sonnet-20241022', provider: 'anthropic', apiBase: 'https://api.anthropic.com', usdPerInputToken: 3e-6, usdPerOutputToken: 15e-6 },
};

const FAILURE_CLASSES: Record<string, string> = {
  '400': 'BadRequestError',
  '401': 'AuthenticationError',
  '403': 'PermissionDeniedError',
  '404': 'NotFoundError',
  '408': 'Timeout',
  '429': 'RateLimitError',
  '500': 'InternalServerError',
  '502': 'APIConnectionError',
  '503': 'ServiceUnavailableError',
};

/** What the Python process collector exposes; prom-client's other defaults are Node's, not Python's. */
const PYTHON_PROCESS_METRICS = new Set([
  'process_cpu_seconds_total',
  'process_start_time_seconds',
  'process_resident_memory_bytes',
  'process_virtual_memory_bytes',
  'process_open_fds',
  'process_max_fds',
]);

type Values = Record<string, string>;

function pick(names: readonly string[], values: Values): Values {
  return Object.fromEntries(names.map((name) => [name, values[name] ?? 'None']));
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function callerValues(req: IncomingMessage, route: string, body: Record<string, unknown>): Values {
  const metadata = objectField(body, 'metadata');
  const bearer = /^Bearer (sk-\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const userAgent = req.headers['user-agent'];
  return {
    end_user: stringField(body, 'user', { fallback: 'None', maxLength: 256 }),
    user: 'default_user_id',
    user_email: stringField(metadata, 'user_email', { fallback: 'None', maxLength: 256 }),
    hashed_api_key: bearer ? sha256(bearer) : 'None',
    client_ip: (req.socket.remoteAddress ?? 'None').replace(/^::ffff:/, ''),
    user_agent: typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, 256) : 'None',
    route,
  };
}

function promptTokens(body: Record<string, unknown>): number {
  const messages = body.messages;
  if (messages === undefined) return 1;
  if (!Array.isArray(messages)) throw new HttpError(400, 'messages must be an array');
  const chars = messages.reduce<number>((sum, m) => {
    const content = (m as { content?: unknown } | null)?.content;
    return sum + (typeof content === 'string' ? content.length : 0);
  }, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

const openAiError = (status: number, message: string) => ({
  error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', param: null, code: String(status) },
});

export function createLiteLlmStub({ stopping }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  collectRuntimeMetrics(registry);
  for (const metric of registry.getMetricsAsArray()) {
    if (!PYTHON_PROCESS_METRICS.has(metric.name)) registry.removeSingleMetric(metric.name);
  }
  const counter = (name: string, help: string, labelNames: readonly string[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const histogram = (name: string, help: string, labelNames: readonly string[]) =>
    new Histogram({ name, help, labelNames, buckets: LITELLM_LATENCY_BUCKETS, registers: [registry] });

  const proxyTotal = counter('litellm_proxy_total_requests_metric_total', 'Total number of requests made to the proxy server - track number of client side requests', LABELS.proxy_total_requests);
  const proxyFailed = counter('litellm_proxy_failed_requests_metric_total', 'Total number of failed responses from proxy - the client did not get a success response from litellm proxy', LABELS.proxy_failed_requests);
  const requests = counter('litellm_requests_metric_total', 'deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user', LABELS.requests_and_spend);
  const llmApiFailed = counter('litellm_llm_api_failed_requests_metric_total', 'deprecated - use litellm_proxy_failed_requests_metric', LABELS.llm_api_failed);
  const spend = counter('litellm_spend_metric_total', 'Total spend on LLM requests', LABELS.requests_and_spend);
  const totalTokens = counter('litellm_total_tokens_metric_total', 'Total number of input + output tokens from LLM requests', LABELS.tokens);
  const inputTokens = counter('litellm_input_tokens_metric_total', 'Total number of input tokens from LLM requests', LABELS.tokens);
  const outputTokens = counter('litellm_output_tokens_metric_total', 'Total number of output tokens from LLM requests', LABELS.tokens);
  const totalLatency = histogram('litellm_request_total_latency_metric', 'Total latency (seconds) for a request to LiteLLM', LABELS.request_total_latency);
  const apiLatency = histogram('litellm_llm_api_latency_metric', 'Total latency (seconds) for a models LLM API call', LABELS.llm_api_latency);
  const deploymentSuccess = counter('litellm_deployment_success_responses_total', 'LLM Deployment Analytics - Total number of successful LLM API calls via litellm', LABELS.deployment_requests);
  const deploymentFailure = counter('litellm_deployment_failure_responses_total', 'LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deploymeny. exception_status is the status of the exception from the llm api', LABELS.deployment_failures);
  const deploymentTotal = counter('litellm_deployment_total_requests_total', 'LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure', LABELS.deployment_requests);
  const deploymentState = new Gauge({
    name: 'litellm_deployment_state',
    help: 'LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage',
    labelNames: LABELS.deployment_state,
    registers: [registry],
  });

  let completionId = 0;

  function fail(values: Values, status: number, message: string): Reply {
    const failure = { ...values, exception_status: String(status), exception_class: FAILURE_CLASSES[String(status)] ?? 'APIError' };
    proxyFailed.inc(pick(LABELS.proxy_failed_requests, failure));
    proxyTotal.inc(pick(LABELS.proxy_total_requests, { ...values, status_code: String(status) }));
    return { status, json: openAiError(status, message) };
  }

  async function chatCompletions(route: string, { req, readJson }: RouteContext): Promise<Reply> {
    const body = await readJson();
    const caller = callerValues(req, route, body);
    const dictated = objectField(body, 'stub');
    const latencyMs = latencyField(dictated, 50);
    const success = booleanField(dictated, 'success', true);
    const failureStatus = Number(oneOf(String(numberField(dictated, 'status_code', { fallback: 429, integer: true })), Object.keys(FAILURE_CLASSES), 'stub.status_code'));
    const prompt = numberField(dictated, 'prompt_tokens', { fallback: promptTokens(body), min: 0, max: 1e7, integer: true });
    const completion = numberField(dictated, 'completion_tokens', { fallback: 16, min: 0, max: 1e7, integer: true });

    const requestedModel = typeof body.model === 'string' ? body.model.slice(0, 256) : 'None';
    const deployment = DEPLOYMENTS[requestedModel];
    const values: Values = { ...caller, requested_model: requestedModel };
    if (!deployment) {
      return fail(values, 400, `Invalid model name passed in model=${requestedModel}. Call /v1/models to view available models for your key.`);
    }
    const litellmModelName = `${deployment.provider}/${deployment.upstreamModel}`;
    Object.assign(values, {
      model: deployment.upstreamModel,
      litellm_model_name: litellmModelName,
      model_id: sha256(litellmModelName),
      api_base: deployment.apiBase,
      api_provider: deployment.provider,
    });

    await sleep(latencyMs, stopping);
    deploymentTotal.inc(pick(LABELS.deployment_requests, values));
    if (!success) {
      const failure = { ...values, exception_status: String(failureStatus), exception_class: FAILURE_CLASSES[String(failureStatus)] ?? 'APIError' };
      deploymentFailure.inc(pick(LABELS.deployment_failures, failure));
      llmApiFailed.inc(pick(LABELS.llm_api_failed, values));
      deploymentState.set(pick(LABELS.deployment_state, values), 1);
      return fail(values, failureStatus, `litellm.${failure.exception_class}: dictated failure`);
    }

    const seconds = latencyMs / 1000;
    requests.inc(pick(LABELS.requests_and_spend, values));
    spend.inc(pick(LABELS.requests_and_spend, values), prompt * deployment.usdPerInputToken + completion * deployment.usdPerOutputToken);
    totalTokens.inc(pick(LABELS.tokens, values), prompt + completion);
    inputTokens.inc(pick(LABELS.tokens, values), prompt);
    outputTokens.inc(pick(LABELS.tokens, values), completion);
    totalLatency.observe(pick(LABELS.request_total_latency, values), seconds);
    apiLatency.observe(pick(LABELS.llm_api_latency, values), seconds);
    deploymentSuccess.inc(pick(LABELS.deployment_requests, values));
    deploymentState.set(pick(LABELS.deployment_state, values), 0);
    proxyTotal.inc(pick(LABELS.proxy_total_requests, { ...values, status_code: '200' }));

    return {
      json: {
        id: `chatcmpl-stub-${++completionId}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: deployment.upstreamModel,
        choices: [{ index: 0, message: { role: 'assistant', content: 'stub completion' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
      },
    };
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
        stub: { latency_ms: 20 },
      });
    },
  };
}
