import { KVM4 } from '../model/profiles.ts';
import type { StackModel } from '../model/schema.ts';
import { COMPOSE_FILE, ENV_EXAMPLE_FILE, renderComposeFile, renderEnvExample } from './compose-file.ts';
import { renderBlackboxConfig, renderProcessExporterConfig } from './container-health.ts';
import { renderDashboardFiles } from './dashboards.ts';
import { renderAlertmanagerConfig } from './alertmanager-config.ts';
import { GRAFANA_DIR, grafanaConfigFiles } from './grafana.ts';
import { renderAuthProxyConfFor, renderWebConfigShape } from './exporter-auth.ts';
import { renderPrometheusConfig } from './prometheus-config.ts';
import { renderCommittedRuleFiles } from './rules.ts';
import { renderServicesTable } from './services-table.ts';
import { DEFAULT_METRICS_USER } from '../model/credentials.ts';

/** Where the rendered, committed files live, relative to the repository root. */
export const GENERATED_DIR = 'stack/generated';

/** Every committed rendered file (path relative to the repository root → content). */
export function renderCommittedFiles(stack: StackModel): Map<string, string> {
  return new Map([
    [`${GENERATED_DIR}/prometheus.yml`, renderPrometheusConfig(stack, { metricsUser: DEFAULT_METRICS_USER })],
    ...renderCommittedRuleFiles(),
    [`${GENERATED_DIR}/alertmanager.yml`, renderAlertmanagerConfig()],
    [`${GENERATED_DIR}/SERVICES.md`, renderServicesTable(stack, KVM4)],
    [`${GENERATED_DIR}/web-config.shape.yml`, renderWebConfigShape(DEFAULT_METRICS_USER)],
    [`${GENERATED_DIR}/blackbox.yml`, renderBlackboxConfig(DEFAULT_METRICS_USER)],
    [`${GENERATED_DIR}/process-exporter.yml`, renderProcessExporterConfig(stack)],
    ...stack.services
      .filter((s) => s.auth.kind === 'auth-proxy')
      .map((s): [string, string] => [`${GENERATED_DIR}/${s.name}-nginx.conf`, renderAuthProxyConfFor(s)]),
    ...renderDashboardFiles(),
    ...[...grafanaConfigFiles(stack)].map(([path, content]): [string, string] => [`${GENERATED_DIR}/grafana${path.slice(GRAFANA_DIR.length)}`, content]),
    [`${GENERATED_DIR}/${COMPOSE_FILE}`, renderComposeFile(stack)],
    [`${GENERATED_DIR}/${ENV_EXAMPLE_FILE}`, renderEnvExample(stack)],
  ]);
}
