import { jobAndInstance, UP_DOWN, type DashboardSpec } from './panels.ts';

// Is everything running, and within its cap? Service status from blackbox_exporter probing each
// service's health endpoint (job blackbox, label service), Prometheus's own view of its scrapes,
// Redis and PostgreSQL from their exporters, and per-service CPU and memory from
// process-exporter (label service) against the caps the launcher publishes through
// node_exporter's textfile collector (onyx_service_cpu_cap_cores, onyx_service_memory_cap_bytes).

const target = 'job=~"$job", instance=~"$instance"';
const svc = 'service=~"$service"';
const cpu = `sum by (service) (rate(namedprocess_namegroup_cpu_seconds_total{${svc}}[$__rate_interval]))`;
const memory = `sum by (service) (namedprocess_namegroup_memory_bytes{memtype="resident", ${svc}})`;
const cap = (metric: string) => `max by (service) (${metric}{${svc}})`;

export const INFRASTRUCTURE_HEALTH: DashboardSpec = {
  uid: 'onyx-infrastructure-health',
  title: 'Infrastructure Health',
  description: 'Service status, scrape health, Redis and PostgreSQL, and per-service CPU and memory against each cap.',
  tags: ['infrastructure', 'health'],
  from: 'now-30m',
  variables: [
    { name: 'service', label: 'Service', query: 'label_values(probe_success, service)' },
    ...jobAndInstance('up'),
  ],
  panels: [
    {
      title: 'Service status',
      description: 'Whether each service answers its health endpoint (HTTP) or port (TCP), probed by blackbox_exporter.',
      unit: 'bool_on_off',
      kind: 'stat',
      width: 24,
      mappings: UP_DOWN,
      queries: [{ expr: `max by (service) (probe_success{${svc}})`, legend: '{{service}}' }],
    },
    {
      title: 'Health probe duration',
      description: 'How long each health probe took.',
      unit: 's',
      queries: [{ expr: `max by (service) (probe_duration_seconds{${svc}})`, legend: '{{service}}' }],
    },
    {
      title: 'Scrape targets up',
      description: "Prometheus's own view of each scrape target: 1 up, 0 down.",
      unit: 'bool_on_off',
      min: 0,
      max: 1,
      queries: [{ expr: `up{${target}}`, legend: '{{job}}' }],
    },
    {
      title: 'Scrape duration',
      description: 'How long each scrape took (scrape_duration_seconds).',
      unit: 's',
      queries: [{ expr: `scrape_duration_seconds{${target}}`, legend: '{{job}}' }],
    },
    {
      title: 'Samples per scrape',
      description: 'Samples each target returned in its last scrape, after relabelling.',
      unit: 'short',
      queries: [{ expr: `scrape_samples_post_metric_relabeling{${target}}`, legend: '{{job}}' }],
    },
    {
      title: 'Redis',
      description: 'Redis reachable by its exporter, connected clients and commands per second.',
      unit: 'short',
      queries: [
        { expr: 'redis_up', legend: 'up' },
        { expr: 'redis_connected_clients', legend: 'connected clients' },
        { expr: 'rate(redis_commands_processed_total[$__rate_interval])', legend: 'commands/s' },
      ],
    },
    {
      title: 'Redis memory used',
      description: 'Memory Redis has allocated (used_memory).',
      unit: 'bytes',
      queries: [{ expr: 'redis_memory_used_bytes', legend: 'used' }],
    },
    {
      title: 'PostgreSQL',
      description: 'PostgreSQL reachable by its exporter, and connections to the postgres database.',
      unit: 'short',
      queries: [
        { expr: 'pg_up', legend: 'up' },
        { expr: 'sum(pg_stat_database_numbackends)', legend: 'connections' },
      ],
    },
    {
      title: 'PostgreSQL transactions',
      description: 'Commits and rollbacks per second, all databases.',
      unit: 'ops',
      queries: [
        { expr: 'sum(rate(pg_stat_database_xact_commit[$__rate_interval]))', legend: 'commits' },
        { expr: 'sum(rate(pg_stat_database_xact_rollback[$__rate_interval]))', legend: 'rollbacks' },
      ],
    },
    {
      title: 'CPU used of cap per service',
      description: 'CPU time of each service\'s processes (process-exporter) as a share of its container CPU cap.',
      unit: 'percentunit',
      min: 0,
      queries: [{ expr: `${cpu} / on (service) ${cap('onyx_service_cpu_cap_cores')}`, legend: '{{service}}' }],
    },
    {
      title: 'Memory used of cap per service',
      description: "Resident memory of each service's processes as a share of its container memory cap.",
      unit: 'percentunit',
      min: 0,
      queries: [{ expr: `${memory} / on (service) ${cap('onyx_service_memory_cap_bytes')}`, legend: '{{service}}' }],
    },
    {
      title: 'CPU per service',
      description: "CPU cores used by each service's processes, and the caps.",
      unit: 'short',
      queries: [
        { expr: cpu, legend: '{{service}}' },
        { expr: cap('onyx_service_cpu_cap_cores'), legend: '{{service}} cap' },
      ],
    },
    {
      title: 'Memory per service',
      description: "Resident memory of each service's processes, and the caps.",
      unit: 'bytes',
      queries: [
        { expr: memory, legend: '{{service}}' },
        { expr: cap('onyx_service_memory_cap_bytes'), legend: '{{service}} cap' },
      ],
    },
  ],
};
