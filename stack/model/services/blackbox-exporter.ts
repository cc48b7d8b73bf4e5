import { AUTH_PROXY_CONF, EXPORTER_CONFIG_DIR } from '../container-paths.ts';
import type { ServiceInput } from '../schema.ts';
import { behindAuthProxy } from './exporter.ts';

export const BLACKBOX_EXPORTER: ServiceInput = {
  name: 'blackbox-exporter',
  description: "blackbox_exporter 0.23 probing every service's health endpoint or port, on loopback behind an nginx basic-auth proxy",
  runtimeConfig: 'blackbox-probes',
  image: 'blackbox-exporter',
  ...behindAuthProxy(9115, 9116, ['/probe']),
  entrypoint: ['run-behind-auth-proxy'],
  command: [AUTH_PROXY_CONF, 'prometheus-blackbox-exporter', `--config.file=${EXPORTER_CONFIG_DIR}/blackbox.yml`, '--web.listen-address=127.0.0.1:9116'],
  processNames: ['prometheus-blac'],
  scrape: { job: 'blackbox-exporter', port: 9115, metricsPath: '/metrics', probeJob: 'blackbox' },
};
