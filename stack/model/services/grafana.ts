import type { ServiceInput } from '../schema.ts';

export const GRAFANA: ServiceInput = {
  name: 'grafana',
  description: 'Grafana OSS, the official image as it is; started only where the engine already holds the image (never pulled)',
  role: 'grafana',
  auth: { kind: 'own-login' },
  runtimeConfig: 'grafana',
  externalImage: { variable: 'ONYX_GRAFANA_IMAGE', default: 'grafana/grafana-oss:11.6.3' },
  env: { GF_PATHS_CONFIG: '/etc/onyx/grafana/grafana.ini' },
  secretEnv: {
    GF_SECURITY_ADMIN_USER: 'grafanaAdminUser',
    GF_SECURITY_ADMIN_PASSWORD: 'grafanaAdminPassword',
    // Expanded by Grafana in the datasource provisioning file.
    ONYX_METRICS_USER: 'metricsUser',
    ONYX_METRICS_PASSWORD: 'metricsPassword',
  },
  // AC 9.1.4: http://localhost:3001. `stack:up` publishes it on 127.0.0.1:3001; tests on a free port.
  ports: [{ name: 'http', container: 3001, publish: true, hostPort: 3001 }],
  health: { kind: 'http', port: 3001, path: '/api/health' },
  processNames: ['grafana'],
};
