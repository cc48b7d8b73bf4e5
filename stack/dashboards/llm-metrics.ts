import { MappingType } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardSpec } from './panels.ts';

// LLM calls through the LiteLLM proxy (its own metric names, personal-data labels dropped at
// scrape) and the chat turns of onyx-core (onyx_chat_duration_seconds{model, success}).

const model = 'model=~"$model"';
const requested = 'requested_model=~"$model"';
const rate = (metric: string, filter: string) => `rate(${metric}{${filter}}[$__rate_interval])`;
const p95 = (metric: string, filter: string) => `histogram_quantile(0.95, sum by (model, le) (${rate(`${metric}_bucket`, filter)}))`;

export const LLM_METRICS: DashboardSpec = {
  uid: 'onyx-llm-metrics',
  title: 'LLM Metrics',
  description: 'LLM call duration, success rate, tokens and spend per model, from LiteLLM and onyx-core.',
  tags: ['llm', 'litellm'],
  from: 'now-1h',
  variables: [{ name: 'model', label: 'Model', query: 'label_values(model)' }],
  panels: [
    {
      title: 'LiteLLM request latency p95 per model',
      description: 'Total latency of a request through the proxy (litellm_request_total_latency_metric), 95th percentile.',
      unit: 's',
      queries: [{ expr: p95('litellm_request_total_latency_metric', model), legend: '{{model}}' }],
    },
    {
      title: 'LLM API call latency per model',
      description: 'Latency of the upstream LLM API call (litellm_llm_api_latency_metric), median and 95th percentile.',
      unit: 's',
      queries: [
        { expr: `histogram_quantile(0.5, sum by (model, le) (${rate('litellm_llm_api_latency_metric_bucket', model)}))`, legend: '{{model}} p50' },
        { expr: p95('litellm_llm_api_latency_metric', model), legend: '{{model}} p95' },
      ],
    },
    {
      title: 'Chat duration p95 per model (onyx-core)',
      description: 'Duration of a chat turn in onyx-core, 95th percentile, successful and failed turns together.',
      unit: 's',
      queries: [{ expr: p95('onyx_chat_duration_seconds', model), legend: '{{model}}' }],
    },
    {
      title: 'Chat success rate per model (onyx-core)',
      description: 'Share of chat turns that succeeded.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr:
            `sum by (model) (${rate('onyx_chat_duration_seconds_count', `success="true", ${model}`)})` +
            ` / sum by (model) (${rate('onyx_chat_duration_seconds_count', model)})`,
          legend: '{{model}}',
        },
      ],
    },
    {
      title: 'LiteLLM proxy success rate per requested model',
      description: 'Share of proxy requests answered with status 200.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr:
            `sum by (requested_model) (${rate('litellm_proxy_total_requests_metric_total', `status_code="200", ${requested}`)})` +
            ` / sum by (requested_model) (${rate('litellm_proxy_total_requests_metric_total', requested)})`,
          legend: '{{requested_model}}',
        },
      ],
    },
    {
      title: 'LLM requests per model',
      description: 'Calls per second to each deployment (success and failure).',
      unit: 'reqps',
      queries: [
        { expr: `sum by (litellm_model_name) (${rate('litellm_deployment_total_requests_total', requested)})`, legend: '{{litellm_model_name}}' },
      ],
    },
    {
      title: 'Tokens per second per model',
      description: 'Input (prompt) and output (completion) tokens per second.',
      unit: 'short',
      queries: [
        { expr: `sum by (model) (${rate('litellm_input_tokens_metric_total', model)})`, legend: '{{model}} input' },
        { expr: `sum by (model) (${rate('litellm_output_tokens_metric_total', model)})`, legend: '{{model}} output' },
      ],
    },
    {
      title: 'Spend per hour per model',
      description: 'LLM spend in USD, as a rate per hour.',
      unit: 'currencyUSD',
      queries: [{ expr: `sum by (model) (${rate('litellm_spend_metric_total', model)}) * 3600`, legend: '{{model}}' }],
    },
    {
      title: 'Deployment state',
      description: 'LiteLLM deployment health: 0 healthy, 1 partial outage, 2 complete outage.',
      unit: 'none',
      kind: 'stat',
      width: 24,
      mappings: [
        {
          type: MappingType.ValueToText,
          options: {
            '0': { text: 'healthy', color: 'green', index: 0 },
            '1': { text: 'partial outage', color: 'orange', index: 1 },
            '2': { text: 'outage', color: 'red', index: 2 },
          },
        },
      ],
      queries: [{ expr: 'max by (litellm_model_name) (litellm_deployment_state)', legend: '{{litellm_model_name}}' }],
    },
  ],
};
