import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMETHEUS_DATASOURCE_UID } from '../../../stack/dashboards/index.ts';
import { grafanaFiles } from '../../../stack/launcher/runtime-files/grafana.ts';
import { resolveCredentials } from '../../../stack/model/credentials.ts';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { GRAFANA_DASHBOARDS_DIR, renderDashboardProvider, renderDatasources } from '../../../stack/render/grafana.ts';

describe('Grafana provisioning, in the format Grafana documents (apiVersion 1)', () => {
  it('the datasource is the stack Prometheus by service name, with the fixed uid and basic auth from the environment', () => {
    const config = parse(renderDatasources(ONYX_STACK));
    expect(config.apiVersion).toBe(1);
    expect(config.datasources).toHaveLength(1);
    const [ds] = config.datasources;
    expect(ds).toMatchObject({ uid: PROMETHEUS_DATASOURCE_UID, type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', basicAuth: true });
    expect(ds.basicAuthUser).toBe('${ONYX_METRICS_USER}');
    expect(ds.secureJsonData).toEqual({ basicAuthPassword: '${ONYX_METRICS_PASSWORD}' });
    expect(ds.jsonData.timeInterval).toBe('15s');
  });

  it('the dashboard provider reads the folder the launcher fills with the rendered dashboards, read-only', () => {
    const [provider] = parse(renderDashboardProvider()).providers;
    expect(provider).toMatchObject({ type: 'file', allowUiUpdates: false, disableDeletion: true, options: { path: GRAFANA_DASHBOARDS_DIR } });
    const grafana = ONYX_STACK.services.find((s) => s.name === 'grafana')!;
    const files = grafanaFiles(ONYX_STACK, grafana, resolveCredentials({}).values);
    expect(files.filter((f) => f.target.startsWith(`${GRAFANA_DASHBOARDS_DIR}/`)).map((f) => JSON.parse(f.content).title).sort()).toEqual(
      ['Application Performance', 'Infrastructure Health', 'LLM Metrics', 'RAG Performance', 'System Overview'],
    );
  });

  it('Grafana gets its admin and the metrics credentials from the environment, never from a file', () => {
    const grafana = ONYX_STACK.services.find((s) => s.name === 'grafana')!;
    expect(grafana.secretEnv).toMatchObject({ GF_SECURITY_ADMIN_USER: 'grafanaAdminUser', GF_SECURITY_ADMIN_PASSWORD: 'grafanaAdminPassword' });
    expect(grafana.externalImage?.variable).toBe('ONYX_GRAFANA_IMAGE');
    expect(grafana.ports).toEqual([{ name: 'http', container: 3001, publish: true, hostPort: 3001 }]);
  });
});
