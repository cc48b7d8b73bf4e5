import { RECORD } from './recording.ts';
import type { AlertRule, RuleGroup } from './types.ts';

// The alerts of the stack. Thresholds are exported so the promtool tests sit on either side of them.

/** AC 9.1.3: every metrics endpoint answers in < 10 ms at p95. */
export const SLOW_SCRAPE_SECONDS = 0.01;
export const ERROR_RATIO_LIMIT = 0.05;
/** A request through LiteLLM slower than this at p95 is an incident, not a slow model. */
export const LLM_P95_LIMIT_SECONDS = 10;

/**
 * The database is down (its exporter says so) or its exporter is: a stopped exporter leaves no
 * `redis_up`/`pg_up` sample at all, so `== 0` alone would stay silent exactly when nothing watches.
 */
const downOrUnwatched = (exporterUp: string, job: string) => `${exporterUp} == 0 or up{job="${job}"} == 0`;

export const ALERT_RULES: RuleGroup<AlertRule> = {
  name: 'onyx-alerts',
  rules: [
    {
      alert: 'TargetDown',
      expr: 'up == 0',
      // Four failed scrapes in a row: one lost scrape is not an outage.
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: '{{ $labels.job }} is down',
        description: 'Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for more than 1 minute.',
      },
    },
    {
      alert: 'MetricsEndpointSlow',
      expr: `${RECORD.scrapeDurationP95} > ${SLOW_SCRAPE_SECONDS}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: '{{ $labels.job }} serves its metrics slowly',
        description:
          'The p95 scrape duration of job {{ $labels.job }} over 5 minutes is {{ $value | humanize }}s, above the 10 ms of AC 9.1.3, for 10 minutes.',
      },
    },
    {
      alert: 'HighErrorRate',
      expr: `${RECORD.errorRatio} > ${ERROR_RATIO_LIMIT}`,
      for: '5m',
      labels: { severity: 'critical' },
      annotations: {
        summary: '{{ $labels.service }} answers too many requests with a 5xx',
        description: '{{ $value | humanizePercentage }} of the requests to {{ $labels.service }} failed with a 5xx over 5 minutes (limit 5%).',
      },
    },
    {
      alert: 'LLMLatencyHigh',
      expr: `${RECORD.llmRequestP95} > ${LLM_P95_LIMIT_SECONDS}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'LLM requests for {{ $labels.model }} are slow',
        description: 'The p95 latency of requests through LiteLLM for model {{ $labels.model }} is {{ $value | humanize }}s over 5 minutes (limit 10 s).',
      },
    },
    {
      alert: 'RedisDown',
      expr: downOrUnwatched('redis_up', 'redis'),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Redis is down',
        description: 'For more than 1 minute, Redis or its exporter ({{ $labels.instance }}) has been down: Redis cannot be watched.',
      },
    },
    {
      alert: 'PostgresDown',
      expr: downOrUnwatched('pg_up', 'supabase'),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'PostgreSQL (Supabase) is down',
        description: 'For more than 1 minute, PostgreSQL or its exporter ({{ $labels.instance }}) has been down: PostgreSQL cannot be watched.',
      },
    },
  ],
};
