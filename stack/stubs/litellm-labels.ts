// Label sets and buckets of the LiteLLM proxy's Prometheus families: PrometheusMetricLabels and
// LATENCY_BUCKETS in litellm/types/integrations/prometheus.py at tag v1.81.9-stable (commit a09d3e91,
// see litellm.ts); the two count gauges take labelnames=[] in litellm/integrations/prometheus.py there.
// Label order is the product's; the text format sorts them anyway.

export const LITELLM_LATENCY_BUCKETS = [
  0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0,
  7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0, 120.0, 180.0, 240.0, 300.0,
];

const KEY = ['hashed_api_key', 'api_key_alias'] as const;
const TEAM = ['team', 'team_alias'] as const;
const DEPLOYMENT = ['litellm_model_name', 'model_id', 'api_base', 'api_provider'] as const;
const MODEL_GROUP = ['model_group', 'api_provider', 'api_base', 'litellm_model_name', ...KEY, 'model_id'] as const;
const API_LATENCY = ['model', ...KEY, ...TEAM, 'requested_model', 'end_user', 'user', 'model_id'] as const;
const TOKENS = ['end_user', ...KEY, 'model', ...TEAM, 'user', 'user_email', 'requested_model', 'model_id'] as const;
const REQUESTS_AND_SPEND = ['end_user', ...KEY, 'model', ...TEAM, 'user', 'user_email', 'client_ip', 'user_agent', 'model_id'] as const;
const DEPLOYMENT_REQUESTS = ['requested_model', ...DEPLOYMENT, ...KEY, ...TEAM, 'client_ip', 'user_agent'] as const;
const KEY_MODEL_LIMIT = [...KEY, 'model', 'model_id'] as const;

export const LABELS = {
  litellm_llm_api_latency_metric: API_LATENCY,
  litellm_llm_api_time_to_first_token_metric: API_LATENCY,
  litellm_request_total_latency_metric: ['end_user', ...KEY, 'requested_model', ...TEAM, 'user', 'model', 'model_id'],
  litellm_overhead_latency_metric: MODEL_GROUP,
  litellm_remaining_requests_metric: MODEL_GROUP,
  litellm_remaining_tokens_metric: MODEL_GROUP,
  litellm_proxy_total_requests_metric: ['end_user', ...KEY, 'requested_model', ...TEAM, 'user', 'status_code', 'user_email', 'route', 'client_ip', 'user_agent', 'model_id'],
  litellm_proxy_failed_requests_metric: ['end_user', ...KEY, 'requested_model', ...TEAM, 'user', 'user_email', 'exception_status', 'exception_class', 'route', 'client_ip', 'user_agent', 'model_id'],
  litellm_deployment_latency_per_output_token: [...DEPLOYMENT, ...KEY, ...TEAM],
  litellm_requests_metric: REQUESTS_AND_SPEND,
  litellm_spend_metric: REQUESTS_AND_SPEND,
  litellm_total_tokens_metric: TOKENS,
  litellm_input_tokens_metric: TOKENS,
  litellm_output_tokens_metric: TOKENS,
  litellm_deployment_state: DEPLOYMENT,
  litellm_deployment_tpm_limit: DEPLOYMENT,
  litellm_deployment_rpm_limit: DEPLOYMENT,
  litellm_deployment_success_responses: DEPLOYMENT_REQUESTS,
  litellm_deployment_total_requests: DEPLOYMENT_REQUESTS,
  litellm_deployment_failure_responses: ['requested_model', ...DEPLOYMENT, 'exception_status', 'exception_class', ...KEY, ...TEAM, 'client_ip', 'user_agent'],
  litellm_remaining_api_key_requests_for_model: KEY_MODEL_LIMIT,
  litellm_remaining_api_key_tokens_for_model: KEY_MODEL_LIMIT,
  litellm_llm_api_failed_requests_metric: ['end_user', ...KEY, 'model', ...TEAM, 'user', 'model_id'],
  litellm_total_users: [],
  litellm_teams_count: [],
} as const satisfies Record<string, readonly string[]>;

export type LiteLlmFamily = keyof typeof LABELS;
