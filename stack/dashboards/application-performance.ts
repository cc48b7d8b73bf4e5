import type { DashboardSpec } from './panels.ts';

// Request rate, error rate and latency quantiles of the services that expose HTTP request
// metrics (suna and onyx-core: http_requests_total, http_request_duration_seconds). suna labels a
// request by route and status_code (SPEC); onyx-core by handler and status, as Onyx's
// prometheus-fastapi-instrumentator does: the panels read both.

const svc = 'service=~"$service"';
const requests = (filter: string) => `sum by (service) (rate(http_requests_total{${filter}}[$__rate_interval]))`;
const quantile = (q: number) => ({
  title: `Latency p${Math.round(q * 100)} per service`,
  description: `The ${Math.round(q * 100)}th percentile of request duration, from the duration histogram.`,
  unit: 's',
  width: 8,
  queries: [
    { expr: `histogram_quantile(${q}, sum by (service, le) (rate(http_request_duration_seconds_bucket{${svc}}[$__rate_interval])))`, legend: '{{service}}' },
  ],
});

export const APPLICATION_PERFORMANCE: DashboardSpec = {
  uid: 'onyx-application-performance',
  title: 'Application Performance',
  description: 'HTTP request rate, error rate and p50/p95/p99 latency of each ONYX service.',
  tags: ['application', 'http'],
  from: 'now-1h',
  variables: [{ name: 'service', label: 'Service', query: 'label_values(http_requests_total, service)' }],
  panels: [
    {
      title: 'Request rate per service',
      description: 'Requests answered per second.',
      unit: 'reqps',
      queries: [{ expr: requests(svc), legend: '{{service}}' }],
    },
    {
      title: 'Error rate per service',
      description: 'Share of requests answered with a 5xx status; 0 when a service had none.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          // `or ... * 0`: a service without any 5xx shows 0 %, not "no data".
          expr: `((${requests(`${svc}, status_code=~"5.."`)} or ${requests(`${svc}, status=~"5.."`)}) or ${requests(svc)} * 0) / ${requests(svc)}`,
          legend: '{{service}}',
        },
      ],
    },
    quantile(0.5),
    quantile(0.95),
    quantile(0.99),
    {
      title: 'Requests by route and status',
      description: 'Requests per second by service, route template (handler on onyx-core) and status code.',
      unit: 'reqps',
      width: 24,
      queries: [
        {
          expr: `sum by (service, route, status_code, handler, status) (rate(http_requests_total{${svc}}[$__rate_interval]))`,
          legend: '{{service}} {{route}}{{handler}} {{status_code}}{{status}}',
        },
      ],
    },
  ],
};
