import { stringify } from 'yaml';
import { PROMETHEUS_DATASOURCE_UID } from '../dashboards/index.ts';
import { CREDENTIAL_ENV } from '../model/credentials.ts';
import { serviceWithRole, type StackModel } from '../model/schema.ts';

// Grafana's settings and provisioning, from the model: grafana.ini (port, auth rules), the
// Prometheus datasource by service name with a fixed uid, and a file provider for the rendered
// dashboards. No secret in any of them: Grafana expands ${VAR} in provisioning files from its
// environment, and GF_SECURITY_ADMIN_* (from the environment) override grafana.ini.

export const GRAFANA_DIR = '/etc/onyx/grafana';
export const GRAFANA_PROVISIONING_DIR = `${GRAFANA_DIR}/provisioning`;
export const GRAFANA_DASHBOARDS_DIR = `${GRAFANA_DIR}/dashboards`;
export const GRAFANA_PORT = 3001;
export const GRAFANA_FOLDER = 'ONYX';

/** grafana.ini: port 3001, no anonymous access, no sign-up, basic auth for the API, nothing phoned home. */
export function renderGrafanaIni(): string {
  const sections: Record<string, Record<string, string | number | boolean>> = {
    server: { http_port: GRAFANA_PORT },
    paths: { provisioning: GRAFANA_PROVISIONING_DIR },
    security: { disable_gravatar: true, cookie_samesite: 'strict' },
    users: { allow_sign_up: false, allow_org_create: false, auto_assign_org: true },
    'auth.anonymous': { enabled: false },
    'auth.basic': { enabled: true },
    analytics: { reporting_enabled: false, check_for_updates: false, check_for_plugin_updates: false, feedback_links_enabled: false },
    news: { news_feed_enabled: false },
    dashboards: { min_refresh_interval: '10s' },
    log: { mode: 'console', level: 'warn' },
  };
  const body = Object.entries(sections)
    .map(([name, keys]) => `[${name}]\n${Object.entries(keys).map(([k, v]) => `${k} = ${v}`).join('\n')}`)
    .join('\n\n');
  return `; Rendered from the stack model by stack/render/grafana.ts. The admin user and password come from\n; the environment (GF_SECURITY_ADMIN_USER/PASSWORD, set by the launcher from ONYX_GRAFANA_ADMIN_*).\n${body}\n`;
}

/** The Prometheus datasource: the service's name on the stack network, a fixed uid, basic auth from the environment. */
export function renderDatasources(stack: StackModel): string {
  const prometheus = serviceWithRole(stack.services, 'prometheus');
  if (!prometheus?.scrape) throw new Error(`stack ${stack.name} has no Prometheus with a scrape port for Grafana's datasource`);
  const datasources = [
    {
      name: 'Prometheus',
      uid: PROMETHEUS_DATASOURCE_UID,
      type: 'prometheus',
      access: 'proxy',
      url: `http://${prometheus.name}:${prometheus.scrape.port}`,
      isDefault: true,
      editable: false,
      basicAuth: true,
      basicAuthUser: `\${${CREDENTIAL_ENV.metricsUser}}`,
      secureJsonData: { basicAuthPassword: `\${${CREDENTIAL_ENV.metricsPassword}}` },
      jsonData: { timeInterval: `${stack.scrapeIntervalSeconds}s`, httpMethod: 'POST' },
    },
  ];
  return `# Rendered by stack/render/grafana.ts. \${VAR} is expanded by Grafana from its environment.\n${stringify({ apiVersion: 1, datasources })}`;
}

/** The file provider: the rendered dashboards, read-only in Grafana (edit them as code). */
export function renderDashboardProvider(): string {
  const providers = [
    {
      name: 'onyx',
      orgId: 1,
      folder: GRAFANA_FOLDER,
      type: 'file',
      disableDeletion: true,
      allowUiUpdates: false,
      updateIntervalSeconds: 30,
      options: { path: GRAFANA_DASHBOARDS_DIR, foldersFromFilesStructure: false },
    },
  ];
  return `# Rendered by stack/render/grafana.ts: the dashboards of stack/generated/dashboards/.\n${stringify({ apiVersion: 1, providers })}`;
}

/** Container path -> content of every Grafana settings and provisioning file. */
export function grafanaConfigFiles(stack: StackModel): Map<string, string> {
  return new Map([
    [`${GRAFANA_DIR}/grafana.ini`, renderGrafanaIni()],
    [`${GRAFANA_PROVISIONING_DIR}/datasources/onyx.yml`, renderDatasources(stack)],
    [`${GRAFANA_PROVISIONING_DIR}/dashboards/onyx.yml`, renderDashboardProvider()],
  ]);
}
