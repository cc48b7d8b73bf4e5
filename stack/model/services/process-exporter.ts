import { AUTH_PROXY_CONF, EXPORTER_CONFIG_DIR } from '../container-paths.ts';
import type { ServiceInput } from '../schema.ts';
import { behindAuthProxy } from './exporter.ts';

export const PROCESS_EXPORTER: ServiceInput = {
  name: 'process-exporter',
  description: "process-exporter 0.7 reading the host's /proc: CPU and memory of each service's processes, on loopback behind an nginx basic-auth proxy",
  runtimeConfig: 'process-groups',
  image: 'process-exporter',
  ...behindAuthProxy(9256, 9257),
  entrypoint: ['run-behind-auth-proxy'],
  command: [
    AUTH_PROXY_CONF,
    'prometheus-process-exporter',
    '-procfs=/host/proc',
    `-config.path=${EXPORTER_CONFIG_DIR}/process-exporter.yml`,
    '-web.listen-address=127.0.0.1:9257',
    // smaps of every host process would cost CPU on each scrape; resident memory needs none.
    '-gather-smaps=false',
    '-threads=false',
  ],
  hostMounts: [{ source: '/proc', target: '/host/proc' }],
  processNames: ['prometheus-proc'],
  scrape: { job: 'process-exporter', port: 9256, metricsPath: '/metrics', serviceFromLabel: 'groupname' },
};
