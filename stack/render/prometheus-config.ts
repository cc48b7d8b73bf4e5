import { stringify } from 'yaml';
import { METRICS_PASSWORD_FILE, PROMETHEUS_RULES_DIR } from '../model/container-paths.ts';
import type { ScrapeJob, StackModel } from '../model/schema.ts';
import { probeTargets } from './container-health.ts';
import { RULE_FILE_NAMES } from './rules.ts';

export interface PrometheusConfigOptions {
  /** The basic-auth user every scrape job sends; its password is read from METRICS_PASSWORD_FILE. */
  metricsUser: string;
}

export const RENDERED_HEADER =
  '# Rendered from the typed stack model (stack/model) by `npm run stack:render`. Do not edit by hand:\n' +
  '# a unit test fails when this file and the model disagree.\n';

function metricRelabelConfigs(scrape: ScrapeJob): object[] {
  return [
    ...(scrape.dropLabels.length > 0 ? [{ action: 'labeldrop', regex: scrape.dropLabels.join('|') }] : []),
    ...(scrape.serviceFromLabel ? [{ source_labels: [scrape.serviceFromLabel], regex: '(.+)', target_label: 'service' }] : []),
  ];
}

/**
 * The blackbox pattern: one target per probed service, labelled with that service; Prometheus
 * asks the exporter at `exporterAddress` to probe it (module and target as URL parameters).
 */
function probeJob(stack: StackModel, exporterAddress: string): object {
  return {
    static_configs: probeTargets(stack).map((p) => ({ targets: [p.target], labels: { service: p.service, __param_module: p.module } })),
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: exporterAddress },
    ],
  };
}

/** prometheus.yml for the stack: one job per scraped service, all with basic auth; the rules; the Alertmanager. */
export function renderPrometheusConfig(stack: StackModel, options: PrometheusConfigOptions): string {
  const basicAuth = () => ({ basic_auth: { username: options.metricsUser, password_file: METRICS_PASSWORD_FILE } });
  const jobs = stack.services.flatMap((service) => {
    const scrape = service.scrape;
    if (!scrape) return [];
    const labels: Record<string, string> = { service: service.name };
    if (scrape.coreService) labels.core_service = scrape.coreService;
    const address = `${service.name}:${scrape.port}`;
    const metricRelabel = metricRelabelConfigs(scrape);
    return [
      {
        job_name: scrape.job,
        metrics_path: scrape.metricsPath,
        ...(scrape.honorLabels ? { honor_labels: true } : {}),
        ...basicAuth(),
        static_configs: [{ targets: [address], labels }],
        ...(metricRelabel.length > 0 ? { metric_relabel_configs: metricRelabel } : {}),
      },
      ...(scrape.probeJob ? [{ job_name: scrape.probeJob, metrics_path: '/probe', ...basicAuth(), ...probeJob(stack, address) }] : []),
    ];
  });
  // Alerts go to the stack's own Alertmanager, with the same basic auth.
  const alertmanagers = stack.services
    .filter((s) => s.role === 'alertmanager')
    .map((s) => ({ ...basicAuth(), static_configs: [{ targets: [`${s.name}:${s.ports[0]!.container}`] }] }));
  const config = {
    global: {
      scrape_interval: `${stack.scrapeIntervalSeconds}s`,
      scrape_timeout: `${stack.scrapeTimeoutSeconds}s`,
      evaluation_interval: `${stack.scrapeIntervalSeconds}s`,
      external_labels: { stack: stack.name },
    },
    rule_files: RULE_FILE_NAMES.map((name) => `${PROMETHEUS_RULES_DIR}/${name}`),
    ...(alertmanagers.length > 0 ? { alerting: { alertmanagers } } : {}),
    scrape_configs: jobs,
  };
  return RENDERED_HEADER + stringify(config, { lineWidth: 0 });
}
