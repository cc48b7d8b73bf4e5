import { ALERT_RULES } from './alerts.ts';
import { RECORD } from './recording.ts';
import type { AlertRule, RuleTest } from './types.ts';

// promtool unit tests of the rules: for each alert a case that fires and one that must not, and
// the value of each recording rule on known input. Series are scraped every 15 s, as in the stack.

export const TEST_INTERVAL = '15s';

/** A value repeated `count` times, in promtool's expanding notation (`v x n` gives n + 1 values). */
const repeat = (value: number, count: number) => `${value}x${count - 1}`;
/** Up for 1 minute, down for 2, up again: the shape of a stopped and restarted service. */
const OUTAGE = `${repeat(1, 4)} ${repeat(0, 8)} ${repeat(1, 4)}`;

function rule(name: string): AlertRule {
  const found = ALERT_RULES.rules.find((r) => r.alert === name);
  if (!found) throw new Error(`no alert rule ${name}`);
  return found;
}

/** The alert as promtool must see it: the series' labels plus the rule's, annotations rendered. */
function firing(name: string, labels: Record<string, string>, value = '') {
  const { annotations, labels: ruleLabels } = rule(name);
  const render = (text: string) =>
    text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, label: string) => labels[label] ?? '').replace(/\{\{ \$value[^}]*\}\}/g, value);
  return {
    exp_labels: { ...labels, ...ruleLabels },
    exp_annotations: { summary: render(annotations.summary), description: render(annotations.description) },
  };
}

/** The exporter's own gauge while its scrape is down: no sample at all (promtool's `_`). */
const GONE_DURING_OUTAGE = `${repeat(1, 4)} _x7 ${repeat(1, 4)}`;

const selector = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** A series whose scrape was down from 1 min to 3 min, beside one that stayed up (and `alongside`, if any). */
function outageCase(
  alertname: string,
  metric: string,
  down: Record<string, string>,
  up: Record<string, string>,
  { how = '', alongside = [] }: { how?: string; alongside?: RuleTest['input_series'] } = {},
): RuleTest {
  return {
    name: `${alertname}${how}: fires after 1 minute down, not before, not for the healthy target, and resolves`,
    input_series: [
      { series: selector(metric, down), values: OUTAGE },
      { series: selector(metric, up), values: repeat(1, 16) },
      ...alongside,
    ],
    alert_rule_test: [
      { eval_time: '45s', alertname, exp_alerts: [] },
      { eval_time: '1m45s', alertname, exp_alerts: [] },
      { eval_time: '2m15s', alertname, exp_alerts: [firing(alertname, down)] },
      { eval_time: '3m30s', alertname, exp_alerts: [] },
    ],
  };
}

const REDIS = { job: 'redis', instance: 'redis-exporter:9121' };
const POSTGRES = { job: 'supabase', instance: 'supabase-exporter:9187' };

/** The database's exporter stopped: its scrape is down and its `*_up` gauge is gone, not 0. */
function exporterStopped(alertname: string, exporterUp: string, exporter: Record<string, string>): RuleTest {
  return outageCase(alertname, 'up', exporter, { job: 'suna', instance: 'suna:3000' }, {
    how: ` (its exporter stopped: up == 0, no ${exporterUp})`,
    alongside: [{ series: selector(exporterUp, exporter), values: GONE_DURING_OUTAGE }],
  });
}

/** 61 scrape durations (15 min) of `base` seconds, one in every 30 scrapes `spike` seconds. */
function durations(base: number, spike: number): string {
  return Array.from({ length: 61 }, (_, i) => (i % 30 === 29 ? spike : base)).join(' ');
}

const http = (service: string, status: string) => `http_requests_total{service="${service}", method="POST", route="/api/chat", status_code="${status}"}`;
/** onyx-core's request counter carries Onyx's instrumentator labels: handler and status. */
const onyxHttp = (status: string) => `http_requests_total{service="onyx-core", method="POST", handler="/api/chat", status="${status}"}`;
/** Counters that grow by `perScrape` every 15 s for 10 minutes. */
const growing = (perScrape: number) => `0+${perScrape}x40`;
const RETRIEVAL_10K = 'job="onyx-core", vector_count="le_10k", similarity_threshold="0.8"';
const RETRIEVAL_1K = 'job="onyx-core", vector_count="le_1k", similarity_threshold="0.7"';
const bucket = (metric: string, by: string, le: string) => `${metric}_bucket{${by}, le="${le}"}`;
/** Every bucket up to 0.2 s of one retrieval series, each growing by its cumulative count per scrape. */
const retrievals = (by: string, perScrape: [number, number, number, number]) =>
  ['0.05', '0.1', '0.2', '+Inf'].map((le, i) => ({ series: bucket('onyx_rag_retrieval_duration_seconds', by, le), values: growing(perScrape[i]!) }));

/**
 * A recording rule's value to the thousandth: promtool 2.42 compares floats exactly, and rate
 * extrapolation and bucket interpolation leave the last bit of a double to chance (0.48000000000000004).
 * round() drops the metric name, so expected samples carry only the rule's labels.
 */
function recorded(record: string, eval_time: string, samples: { labels: string; value: number }[]) {
  return { expr: `round(${record}, 0.001)`, eval_time, exp_samples: samples };
}

export const RULE_TESTS: RuleTest[] = [
  outageCase('TargetDown', 'up', REDIS, { job: 'suna', instance: 'suna:3000' }),
  outageCase('RedisDown', 'redis_up', REDIS, { job: 'redis', instance: 'redis-replica:9121' }, { how: ' (Redis down, its exporter up)' }),
  exporterStopped('RedisDown', 'redis_up', REDIS),
  outageCase('PostgresDown', 'pg_up', POSTGRES, { job: 'supabase', instance: 'supabase-replica:9187' }, { how: ' (PostgreSQL down, its exporter up)' }),
  exporterStopped('PostgresDown', 'pg_up', POSTGRES),
  {
    name: 'MetricsEndpointSlow: 20 ms at p95 for 10 minutes fires; one slow scrape in 5 minutes does not',
    input_series: [
      { series: 'scrape_duration_seconds{job="node-exporter", instance="node-exporter:9100"}', values: durations(0.02, 0.02) },
      { series: 'scrape_duration_seconds{job="suna", instance="suna:3000"}', values: durations(0.002, 0.05) },
    ],
    promql_expr_test: [
      recorded(RECORD.scrapeDurationP95, '10m', [
        { labels: '{job="node-exporter"}', value: 0.02 },
        { labels: '{job="suna"}', value: 0.002 },
      ]),
    ],
    alert_rule_test: [
      { eval_time: '9m', alertname: 'MetricsEndpointSlow', exp_alerts: [] },
      { eval_time: '10m30s', alertname: 'MetricsEndpointSlow', exp_alerts: [firing('MetricsEndpointSlow', { job: 'node-exporter' }, '20m')] },
    ],
  },
  {
    name: 'HighErrorRate: 10 % of 5xx for 5 minutes fires; 2 % and none do not; request rates and ratios recorded',
    input_series: [
      { series: onyxHttp('200'), values: growing(135) },
      { series: onyxHttp('500'), values: growing(15) },
      { series: http('suna', '200'), values: growing(294) },
      { series: http('suna', '503'), values: growing(6) },
      { series: http('qdrant', '200'), values: growing(15) },
    ],
    promql_expr_test: [
      recorded(RECORD.requestRate, '10m', [
        { labels: '{service="onyx-core"}', value: 10 },
        { labels: '{service="suna"}', value: 20 },
        { labels: '{service="qdrant"}', value: 1 },
      ]),
      recorded(RECORD.errorRatio, '10m', [
        { labels: '{service="onyx-core"}', value: 0.1 },
        { labels: '{service="suna"}', value: 0.02 },
        { labels: '{service="qdrant"}', value: 0 },
      ]),
    ],
    alert_rule_test: [
      { eval_time: '5m', alertname: 'HighErrorRate', exp_alerts: [] },
      { eval_time: '6m', alertname: 'HighErrorRate', exp_alerts: [firing('HighErrorRate', { service: 'onyx-core' }, '10%')] },
    ],
  },
  {
    // Every request in (0.1, 0.5]: p95 = 0.1 + 0.95 × 0.4 = 0.48 s. LiteLLM: every request in (10, 15]
    // for gpt-4o, p95 = 10 + 0.95 × 5 = 14.75 s; in (0.5, 1] for a fast model, p95 = 0.975 s.
    name: 'LLMLatencyHigh: p95 of 14.75 s for 5 minutes fires, 0.975 s does not; p95 per service and model recorded',
    input_series: [
      { series: bucket('http_request_duration_seconds', 'service="suna"', '0.1'), values: growing(0) },
      { series: bucket('http_request_duration_seconds', 'service="suna"', '0.5'), values: growing(20) },
      { series: bucket('http_request_duration_seconds', 'service="suna"', '+Inf'), values: growing(20) },
      { series: bucket('onyx_chat_duration_seconds', 'model="gpt-4o", success="true"', '0.1'), values: growing(0) },
      { series: bucket('onyx_chat_duration_seconds', 'model="gpt-4o", success="true"', '0.5'), values: growing(4) },
      { series: bucket('onyx_chat_duration_seconds', 'model="gpt-4o", success="true"', '+Inf'), values: growing(4) },
      { series: bucket('litellm_request_total_latency_metric', 'model="gpt-4o"', '10'), values: growing(0) },
      { series: bucket('litellm_request_total_latency_metric', 'model="gpt-4o"', '15'), values: growing(2) },
      { series: bucket('litellm_request_total_latency_metric', 'model="gpt-4o"', '+Inf'), values: growing(2) },
      { series: bucket('litellm_request_total_latency_metric', 'model="claude-haiku"', '0.5'), values: growing(0) },
      { series: bucket('litellm_request_total_latency_metric', 'model="claude-haiku"', '1'), values: growing(8) },
      { series: bucket('litellm_request_total_latency_metric', 'model="claude-haiku"', '+Inf'), values: growing(8) },
    ],
    promql_expr_test: [
      recorded(RECORD.requestP95, '10m', [{ labels: '{service="suna"}', value: 0.48 }]),
      recorded(RECORD.chatP95, '10m', [{ labels: '{model="gpt-4o"}', value: 0.48 }]),
      recorded(RECORD.llmRequestP95, '10m', [
        { labels: '{model="gpt-4o"}', value: 14.75 },
        { labels: '{model="claude-haiku"}', value: 0.975 },
      ]),
    ],
    alert_rule_test: [
      { eval_time: '5m', alertname: 'LLMLatencyHigh', exp_alerts: [] },
      { eval_time: '6m', alertname: 'LLMLatencyHigh', exp_alerts: [firing('LLMLatencyHigh', { model: 'gpt-4o' }, '14.75')] },
    ],
  },
  {
    // Retrievals by onyx-core: 10 per scrape in (0.1, 0.2] for one collection size, 10 in (0.05, 0.1]
    // for another. Summed: rank 19 of 20 falls in (0.1, 0.2] above 10, p95 = 0.1 + 9/10 × 0.1 = 0.19 s
    // (either size alone would give 0.195 or 0.0975). Chats: gpt-4o 9 of 10 succeed; llama only fails.
    name: 'Retrieval p95 over every collection size and threshold by job; chat success ratio by model, 0 when every chat failed',
    input_series: [
      ...retrievals(RETRIEVAL_10K, [0, 0, 10, 10]),
      ...retrievals(RETRIEVAL_1K, [0, 10, 10, 10]),
      { series: 'onyx_chat_duration_seconds_count{model="gpt-4o", success="true"}', values: growing(9) },
      { series: 'onyx_chat_duration_seconds_count{model="gpt-4o", success="false"}', values: growing(1) },
      { series: 'onyx_chat_duration_seconds_count{model="llama-3.1-8b", success="false"}', values: growing(2) },
    ],
    promql_expr_test: [
      recorded(RECORD.retrievalP95, '10m', [{ labels: '{job="onyx-core"}', value: 0.19 }]),
      recorded(RECORD.chatSuccessRatio, '10m', [
        { labels: '{model="gpt-4o"}', value: 0.9 },
        { labels: '{model="llama-3.1-8b"}', value: 0 },
      ]),
    ],
  },
];
