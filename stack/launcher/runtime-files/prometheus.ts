import type { Credentials } from '../../model/credentials.ts';
import { METRICS_PASSWORD_FILE, PROMETHEUS_CONFIG_DIR, PROMETHEUS_RULES_DIR } from '../../model/container-paths.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { renderPrometheusConfig } from '../../render/prometheus-config.ts';
import { renderRuleFiles } from '../../render/rules.ts';
import type { RuntimeFile } from '../service-container.ts';

/** Prometheus's config (with this run's metrics user), its rules and the scrape password file (its web config comes from its auth kind). */
export function prometheusFiles(stack: StackModel, _service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: `${PROMETHEUS_CONFIG_DIR}/prometheus.yml`, content: renderPrometheusConfig(stack, { metricsUser: c.metricsUser }) },
    { target: METRICS_PASSWORD_FILE, content: c.metricsPassword },
    ...renderRuleFiles().map(({ name, content }) => ({ target: `${PROMETHEUS_RULES_DIR}/${name}`, content })),
  ];
}
