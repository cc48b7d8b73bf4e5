import { AUTH_PROXY_CONF, TEXTFILE_DIR } from '../container-paths.ts';
import type { ServiceInput } from '../schema.ts';
import { behindAuthProxy } from './exporter.ts';

/** What the dashboards read from node-exporter (CPU, memory, load, filesystems, disks, network, uname) and the caps' textfile. */
export const NODE_EXPORTER_COLLECTORS = ['cpu', 'meminfo', 'loadavg', 'filesystem', 'diskstats', 'netdev', 'uname', 'textfile'] as const;

export const NODE_EXPORTER: ServiceInput = {
  name: 'node-exporter',
  description: "node_exporter 1.5 reading the host's /proc and /sys, on loopback behind an nginx basic-auth proxy",
  runtimeConfig: 'node-exporter-caps',
  image: 'node-exporter',
  ...behindAuthProxy(9100, 9101),
  entrypoint: ['run-behind-auth-proxy'],
  command: [
    AUTH_PROXY_CONF,
    'prometheus-node-exporter',
    '--web.listen-address=127.0.0.1:9101',
    '--path.procfs=/host/proc',
    '--path.sysfs=/host/sys',
    // Only the collectors the dashboards read, plus textfile (the caps as series): with the
    // defaults (about 40 collectors) one scrape cost 28 ms of CPU, so under its cap a scrape took 300-470 ms.
    '--collector.disable-defaults',
    ...NODE_EXPORTER_COLLECTORS.map((c) => `--collector.${c}`),
    `--collector.textfile.directory=${TEXTFILE_DIR}`,
    // Each container adds a veth pair on the host: per-container series the dashboards never read.
    '--collector.netdev.device-exclude=^(lo\\b|veth)',
  ],
  hostMounts: [
    { source: '/proc', target: '/host/proc' },
    { source: '/sys', target: '/host/sys' },
  ],
  processNames: ['prometheus-node'],
  scrape: { job: 'node-exporter', port: 9100, metricsPath: '/metrics', honorLabels: true },
};
