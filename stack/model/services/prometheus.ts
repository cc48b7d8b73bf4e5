import { PROMETHEUS_CONFIG_DIR } from '../container-paths.ts';
import { webConfigPath, type ServiceInput } from '../schema.ts';

export const PROMETHEUS: ServiceInput = {
  name: 'prometheus',
  description: 'Prometheus 2.42 (Debian), basic auth on its own API',
  role: 'prometheus',
  auth: { kind: 'web-config', configDir: PROMETHEUS_CONFIG_DIR },
  runtimeConfig: 'prometheus',
  image: 'prometheus',
  command: [
    `--config.file=${PROMETHEUS_CONFIG_DIR}/prometheus.yml`,
    `--web.config.file=${webConfigPath(PROMETHEUS_CONFIG_DIR)}`,
    '--storage.tsdb.path=/prometheus',
    '--storage.tsdb.retention.time=200h',
    '--web.listen-address=:9090',
    '--web.enable-lifecycle',
  ],
  dataDir: '/prometheus',
  ports: [{ name: 'http', container: 9090, publish: true }],
  health: { kind: 'http', port: 9090, path: '/-/ready', withMetricsAuth: true },
  dependsOn: ['suna', 'onyx-core', 'litellm', 'qdrant', 'redis-exporter', 'supabase-exporter', 'node-exporter', 'blackbox-exporter', 'process-exporter', 'alertmanager'],
  processNames: ['prometheus'],
  scrape: { job: 'prometheus', port: 9090, metricsPath: '/metrics' },
};
