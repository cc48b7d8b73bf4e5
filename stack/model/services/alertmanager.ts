import { ALERTMANAGER_CONFIG_DIR } from '../container-paths.ts';
import { webConfigPath, type ServiceInput } from '../schema.ts';

export const ALERTMANAGER: ServiceInput = {
  name: 'alertmanager',
  description: 'Alertmanager 0.25 (Debian), basic auth, no gossip; its receiver sends nothing off the machine',
  role: 'alertmanager',
  auth: { kind: 'web-config', configDir: ALERTMANAGER_CONFIG_DIR },
  runtimeConfig: 'alertmanager',
  image: 'alertmanager',
  command: [
    `--config.file=${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`,
    `--web.config.file=${webConfigPath(ALERTMANAGER_CONFIG_DIR)}`,
    '--storage.path=/alertmanager',
    '--web.listen-address=:9093',
    // One instance: no cluster, so no gossip port.
    '--cluster.listen-address=',
  ],
  dataDir: '/alertmanager',
  ports: [{ name: 'http', container: 9093, publish: true }],
  health: { kind: 'http', port: 9093, path: '/-/ready', withMetricsAuth: true },
  processNames: ['prometheus-aler'],
};
