import { stringify } from 'yaml';
import { METRICS_PASSWORD_FILE } from '../model/onyx-stack.ts';
import type { StackModel } from '../model/schema.ts';

export interface PrometheusConfigOptions {
  /** The basic-auth user every scrape job sends; its password is read from METRICS_PASSWORD_FILE. */
  metricsUser: string;
}

export const RENDERED_HEADER =
  '# Rendered from the typed stack model (stack/model) by `npm run stack:render`. Do not edit by hand:\n' +
  '# a unit test fails when this file and the model disagree.\n';

/** prometheus.yml for the stack: one job per scraped service, all with basic auth. */
export function renderPrometheusConfig(stack: StackModel, options: PrometheusConfigOptions): string {
  const jobs = stack.services.flatMap((service) => {
    const scrape = service.scrape;
    if (!scrape) return [];
    const labels: Record<string, string> = { service: service.name };
    if (scrape.coreService) labels.core_service = scrape.coreService;
    return [
      {
        job_name: scrape.job,
        metrics_path: scrape.metricsPath,
        basic_auth: { username: options.metricsUser, password_file: METRICS_PASSWORD_FILE },
        static_configs: [{ targets: [`${service.name}:${scrape.port}`], labels }],
        ...(scrape.dropLabels.length > 0
          ? { metric_relabel_configs: [{ action: 'labeldrop', regex: scrape.dropLabels.join('|') }] }
          : {}),
      },
    ];
  });
  const config = {
    global: {
      scrape_interval: `${stack.scrapeIntervalSeconds}s`,
      scrape_timeout: `${stack.scrapeTimeoutSeconds}s`,
      evaluation_interval: `${stack.scrapeIntervalSeconds}s`,
      external_labels: { stack: stack.name },
    },
    scrape_configs: jobs,
  };
  return RENDERED_HEADER + stringify(config, { lineWidth: 0 });
}
