import { AUTH_PROXY_CONF } from '../container-paths.ts';
import type { ServiceInput } from '../schema.ts';
import { behindAuthProxy } from './exporter.ts';

export const REDIS: ServiceInput = {
  name: 'redis',
  description: 'Redis 7 (Debian redis-server)',
  image: 'redis',
  auth: { kind: 'none' },
  command: ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'],
  deployedBy: 'onyx',
  ports: [{ name: 'redis', container: 6379 }],
  health: { kind: 'log', pattern: 'Ready to accept connections' },
  processNames: ['redis-server'],
};

export const REDIS_EXPORTER: ServiceInput = {
  name: 'redis-exporter',
  description: 'redis_exporter 1.45 on loopback behind an nginx basic-auth proxy (it has no auth of its own)',
  image: 'redis',
  ...behindAuthProxy(9121, 9122),
  // Root only to hand /etc/hosts to `redis`: keep-name-in-hosts then drops to `redis` with no
  // capabilities and keeps Redis's address in that file, so the dial of every scrape skips Docker's
  // resolver (a process on the host: 1-3 ms of a cold scrape, and 7-16 ms when it stalls).
  user: 'root',
  command: [
    'keep-name-in-hosts',
    '--as',
    'redis',
    'redis',
    '--',
    'run-behind-auth-proxy',
    AUTH_PROXY_CONF,
    'prometheus-redis-exporter',
    '--web.listen-address=127.0.0.1:9122',
    '--redis.addr=redis://redis:6379',
    // What a scrape did that no dashboard or rule reads: the exporter's own Go runtime and process
    // metrics, `CONFIG GET *` (about 200 settings; an unknown command answers at once, as on a Redis
    // whose CONFIG is renamed away) and `CLIENT SETNAME` on the connection it opens per scrape.
    '--redis-only-metrics',
    '--config-command=ONYX-NO-CONFIG',
    '--set-client-name=false',
  ],
  // One P: at 0.2 CPU, Go's idle Ps spinning for work cost a quarter of each scrape's CPU.
  env: { GOMAXPROCS: '1' },
  dependsOn: ['redis'],
  // Not nginx: five exporters run one, all with the same command line, so process-exporter
  // cannot tell whose it is; each exporter's group counts the exporter alone.
  processNames: ['prometheus-redi'],
  scrape: { job: 'redis', port: 9121, metricsPath: '/metrics', coreService: 'redis' },
};
