// The LiteLLM proxy's Prometheus families that a plain proxy call fills, and what moves them, as
// PrometheusLogger does it in litellm/integrations/prometheus.py (pinned source: see litellm.ts):
// async_log_success_event on success, async_log_failure_event and async_post_call_failure_hook on
// failure. Written in prometheus_client's text format (python-client.ts): counters end in _total,
// each counter and histogram child has its _created gauge, bucket bounds read le="1.0".
import type { Registry } from 'prom-client';
import { PYTHON_DEFAULT_BUCKETS, PythonMetric } from './python-client.ts';
import { LABELS, LITELLM_LATENCY_BUCKETS, type LiteLlmFamily } from './litellm-labels.ts';

export type Values = Record<string, string>;

/** Python's sys.maxsize: what the key-level remaining gauges say for a key without rpm/tpm limits. */
const PYTHON_MAXSIZE = 9223372036854775807;

/** What one successful call tells the logger (StandardLoggingPayload and the call's timings). */
export interface SuccessFacts {
  spendUsd: number;
  promptTokens: number;
  completionTokens: number;
  latencySeconds: number;
  streamed: boolean;
  /** Set for a streaming call only: the proxy observes time to first token for those. */
  ttftSeconds?: number;
  /** hidden_params.litellm_overhead_time_ms; 0 is falsy in Python and observes nothing. */
  overheadMs: number;
  /** x-ratelimit-remaining-* of the provider's answer. */
  remainingRequests: number;
  remainingTokens: number;
  /** The deployment's tpm/rpm from the model_list. */
  tpmLimit: number;
  rpmLimit: number;
}

function pick(family: LiteLlmFamily, values: Values): string[] {
  // prometheus_client renders Python's None as the string "None".
  return LABELS[family].map((name) => values[name] ?? 'None');
}

export function liteLlmFamilies(registry: Registry) {
  const counter = (family: LiteLlmFamily, help: string) => new PythonMetric(registry, `${family}_total`, help, 'counter', LABELS[family]);
  const gauge = (family: LiteLlmFamily, help: string) => new PythonMetric(registry, family, help, 'gauge', LABELS[family]);
  const histogram = (family: LiteLlmFamily, help: string, buckets: readonly number[] = LITELLM_LATENCY_BUCKETS) =>
    new PythonMetric(registry, family, help, 'histogram', LABELS[family], buckets);

  const proxyTotal = counter('litellm_proxy_total_requests_metric', 'Total number of requests made to the proxy server - track number of client side requests');
  const proxyFailed = counter('litellm_proxy_failed_requests_metric', 'Total number of failed responses from proxy - the client did not get a success response from litellm proxy');
  const requests = counter('litellm_requests_metric', 'deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user');
  const llmApiFailed = counter('litellm_llm_api_failed_requests_metric', 'deprecated - use litellm_proxy_failed_requests_metric');
  const spend = counter('litellm_spend_metric', 'Total spend on LLM requests');
  const totalTokens = counter('litellm_total_tokens_metric', 'Total number of input + output tokens from LLM requests');
  const inputTokens = counter('litellm_input_tokens_metric', 'Total number of input tokens from LLM requests');
  const outputTokens = counter('litellm_output_tokens_metric', 'Total number of output tokens from LLM requests');
  const deploymentSuccess = counter('litellm_deployment_success_responses', 'LLM Deployment Analytics - Total number of successful LLM API calls via litellm');
  const deploymentFailure = counter('litellm_deployment_failure_responses', 'LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deploymeny. exception_status is the status of the exception from the llm api');
  const deploymentTotal = counter('litellm_deployment_total_requests', 'LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure');
  const totalLatency = histogram('litellm_request_total_latency_metric', 'Total latency (seconds) for a request to LiteLLM');
  const apiLatency = histogram('litellm_llm_api_latency_metric', 'Total latency (seconds) for a models LLM API call');
  const ttft = histogram('litellm_llm_api_time_to_first_token_metric', 'Time to first token for a models LLM API call');
  const overhead = histogram('litellm_overhead_latency_metric', 'Latency overhead (milliseconds) added by LiteLLM processing');
  const perOutputToken = histogram('litellm_deployment_latency_per_output_token', 'LLM Deployment Analytics - Latency per output token', PYTHON_DEFAULT_BUCKETS);
  // (no buckets named in the proxy: prometheus_client's defaults)
  const deploymentState = gauge('litellm_deployment_state', 'LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage');
  const remainingRequests = gauge('litellm_remaining_requests_metric', 'LLM Deployment Analytics - remaining requests for model, returned from LLM API Provider');
  const remainingTokens = gauge('litellm_remaining_tokens_metric', 'remaining tokens for model, returned from LLM API Provider');
  const keyRequestsForModel = gauge('litellm_remaining_api_key_requests_for_model', 'Remaining Requests API Key can make for model (model based rpm limit on key)');
  const keyTokensForModel = gauge('litellm_remaining_api_key_tokens_for_model', 'Remaining Tokens API Key can make for model (model based tpm limit on key)');
  const tpmLimit = gauge('litellm_deployment_tpm_limit', 'Deployment TPM limit found in config');
  const rpmLimit = gauge('litellm_deployment_rpm_limit', 'Deployment RPM limit found in config');
  // Label-less, so prometheus_client writes them at 0.0 from start; only the proxy's database job sets
  // them, and the stack runs no database: they stay at 0, as on a plain proxy.
  gauge('litellm_total_users', 'Total number of users in LiteLLM');
  gauge('litellm_teams_count', 'Total number of teams in LiteLLM');

  return {
    /** async_log_success_event: every family below moves once per successful LLM call. */
    success(values: Values, facts: SuccessFacts): void {
      requests.inc(pick('litellm_requests_metric', values));
      spend.inc(pick('litellm_spend_metric', values), facts.spendUsd);
      totalTokens.inc(pick('litellm_total_tokens_metric', values), facts.promptTokens + facts.completionTokens);
      inputTokens.inc(pick('litellm_input_tokens_metric', values), facts.promptTokens);
      outputTokens.inc(pick('litellm_output_tokens_metric', values), facts.completionTokens);
      // No rpm/tpm limit on the key: the proxy reports sys.maxsize.
      keyRequestsForModel.set(pick('litellm_remaining_api_key_requests_for_model', { ...values, model: values.model_group! }), PYTHON_MAXSIZE);
      keyTokensForModel.set(pick('litellm_remaining_api_key_tokens_for_model', { ...values, model: values.model_group! }), PYTHON_MAXSIZE);
      if (facts.ttftSeconds !== undefined) ttft.observe(pick('litellm_llm_api_time_to_first_token_metric', values), facts.ttftSeconds);
      apiLatency.observe(pick('litellm_llm_api_latency_metric', values), facts.latencySeconds);
      totalLatency.observe(pick('litellm_request_total_latency_metric', values), facts.latencySeconds);
      // set_llm_deployment_success_metrics
      tpmLimit.set(pick('litellm_deployment_tpm_limit', values), facts.tpmLimit);
      rpmLimit.set(pick('litellm_deployment_rpm_limit', values), facts.rpmLimit);
      if (facts.overheadMs) overhead.observe(pick('litellm_overhead_latency_metric', values), facts.overheadMs / 1000);
      if (facts.remainingRequests) remainingRequests.set(pick('litellm_remaining_requests_metric', values), facts.remainingRequests);
      if (facts.remainingTokens) remainingTokens.set(pick('litellm_remaining_tokens_metric', values), facts.remainingTokens);
      deploymentState.set(pick('litellm_deployment_state', values), 0);
      deploymentSuccess.inc(pick('litellm_deployment_success_responses', values));
      deploymentTotal.inc(pick('litellm_deployment_total_requests', values));
      // A streaming call's per-token latency is its time to first token, if any, per output token.
      const latency = facts.ttftSeconds || facts.latencySeconds;
      if (facts.completionTokens > 0) perOutputToken.observe(pick('litellm_deployment_latency_per_output_token', values), latency / facts.completionTokens);
      // v1.81.9-stable counts a streamed success here, from the logging event with its model_id; a
      // plain one in async_post_call_success_hook, whose label values name no model_id (None).
      proxyTotal.inc(pick('litellm_proxy_total_requests_metric', { ...values, status_code: '200', ...(facts.streamed ? {} : { model_id: 'None' }) }));
    },
    /** async_log_failure_event, for a failed call to a deployment the router picked. */
    deploymentFailure(values: Values): void {
      llmApiFailed.inc(pick('litellm_llm_api_failed_requests_metric', values));
      deploymentState.set(pick('litellm_deployment_state', values), 1);
      deploymentFailure.inc(pick('litellm_deployment_failure_responses', values));
      deploymentTotal.inc(pick('litellm_deployment_total_requests', values));
    },
    /** async_post_call_failure_hook: the client got no success answer. */
    proxyFailure(values: Values): void {
      proxyFailed.inc(pick('litellm_proxy_failed_requests_metric', values));
      proxyTotal.inc(pick('litellm_proxy_total_requests_metric', { ...values, status_code: values.exception_status! }));
    },
  };
}
