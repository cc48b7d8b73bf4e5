import type { RecordingRule, RuleGroup } from './types.ts';

// Recording rules for the SLIs the dashboards and alerts read, named level:metric:operation.
// One 5-minute window for all: long enough to hold 20 scrapes at 15 s, short enough to alert.

export const SLI_WINDOW = '5m';

export const RECORD = {
  requestRate: 'service:http_requests:rate5m',
  errorRatio: 'service:http_request_errors:ratio_rate5m',
  requestP95: 'service:http_request_duration_seconds:p95_rate5m',
  scrapeDurationP95: 'job:scrape_duration_seconds:p95_5m',
  chatP95: 'model:onyx_chat_duration_seconds:p95_rate5m',
  chatSuccessRatio: 'model:onyx_chat_success:ratio_rate5m',
  retrievalP95: 'job:onyx_rag_retrieval_duration_seconds:p95_rate5m',
  llmRequestP95: 'model:litellm_request_total_latency_seconds:p95_rate5m',
} as const;

const rate = (selector: string) => `rate(${selector}[${SLI_WINDOW}])`;
/**
 * 5xx answers, whichever status label the service writes: suna (prom-client, SPEC) writes
 * status_code, onyx-core (Onyx's prometheus-fastapi-instrumentator) writes status.
 */
const SERVER_ERRORS = `${rate('http_requests_total{status_code=~"5.."}')} or ${rate('http_requests_total{status=~"5.."}')}`;
const chats = (filter: string) => `sum by (model) (${rate(`onyx_chat_duration_seconds_count{${filter}}`)})`;
const p95 = (by: string, bucket: string) => `histogram_quantile(0.95, sum by (${by}, le) (${rate(bucket)}))`;

export const RECORDING_RULES: RuleGroup<RecordingRule> = {
  name: 'onyx-sli',
  rules: [
    { record: RECORD.requestRate, expr: `sum by (service) (${rate('http_requests_total')})` },
    {
      // A service without a 5xx has no error series: `or ... * 0` makes its ratio 0, not absent.
      record: RECORD.errorRatio,
      expr: `(sum by (service) (${SERVER_ERRORS}) or ${RECORD.requestRate} * 0) / ${RECORD.requestRate}`,
    },
    { record: RECORD.requestP95, expr: p95('service', 'http_request_duration_seconds_bucket') },
    { record: RECORD.scrapeDurationP95, expr: `max by (job) (quantile_over_time(0.95, scrape_duration_seconds[${SLI_WINDOW}]))` },
    { record: RECORD.chatP95, expr: p95('model', 'onyx_chat_duration_seconds_bucket') },
    {
      // As the error ratio: a model whose chats all failed has no success series, and its ratio is 0.
      record: RECORD.chatSuccessRatio,
      expr: `(${chats('success="true"')} or ${chats('')} * 0) / ${chats('')}`,
    },
    // The RAG dashboard's p95 over every collection size and threshold, kept by job (the service that retrieves).
    { record: RECORD.retrievalP95, expr: p95('job', 'onyx_rag_retrieval_duration_seconds_bucket') },
    { record: RECORD.llmRequestP95, expr: p95('model', 'litellm_request_total_latency_metric_bucket') },
  ],
};
