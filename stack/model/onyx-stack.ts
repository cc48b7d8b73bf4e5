import { LITELLM_PII_LABELS, stubServiceInfo, type StubService } from '../stubs/services.ts';
import { KVM4 } from './profiles.ts';
import { StackModel, type ServiceInput } from './schema.ts';

// The ONYX monitoring stack as it runs on the VPS: six core services, the exporters that
// stand in front of those that cannot speak Prometheus themselves, the host's node-exporter,
// and Prometheus. Paths inside containers are where the launcher copies rendered files.

export const PROMETHEUS_CONFIG_DIR = '/etc/prometheus';
export const EXPORTER_CONFIG_DIR = '/etc/onyx';
export const METRICS_PASSWORD_FILE = `${PROMETHEUS_CONFIG_DIR}/secrets/metrics-password`;
export const PROMETHEUS_RULES_DIR = `${PROMETHEUS_CONFIG_DIR}/rules`;
export const ALERTMANAGER_CONFIG_DIR = '/etc/alertmanager';
/** node_exporter's textfile collector reads the caps the launcher writes here. */
export const TEXTFILE_DIR = `${EXPORTER_CONFIG_DIR}/textfile`;
/** Where nginx (the auth proxy) reads its config in an exporter's container. */
const AUTH_PROXY_CONF = `${EXPORTER_CONFIG_DIR}/nginx.conf`;
/** postgres_exporter's query file, baked into the postgres image (stack/images/postgres/exporter-queries.yml). */
const POSTGRES_EXPORTER_QUERIES = '/etc/postgres-exporter/queries.yml';

/** What the dashboards read from node-exporter (CPU, memory, load, filesystems, disks, network, uname) and the caps' textfile. */
export const NODE_EXPORTER_COLLECTORS = ['cpu', 'meminfo', 'loadavg', 'filesystem', 'diskstats', 'netdev', 'uname', 'textfile'] as const;

const metricsCredentials = { METRICS_USER: 'metricsUser', METRICS_PASSWORD: 'metricsPassword' } as const;

const stubProcessName = (name: StubService) => `onyx-${name}`;

function stub(name: StubService, description: string, dropLabels: readonly string[] = []): ServiceInput {
  const { defaultPort: port, metricsPath } = stubServiceInfo(name);
  return {
    name,
    description,
    image: 'stub',
    env: { STUB_SERVICE: name, PORT: String(port) },
    // Four stubs run the same program: a process title of its own tells them apart in ps and
    // process-exporter (Node sets the process name, comm, from --title).
    command: ['node', `--title=${stubProcessName(name)}`, '/app/stub.mjs'],
    processNames: [stubProcessName(name)],
    secretEnv: metricsCredentials,
    deployedBy: 'onyx',
    ports: [{ name: 'http', container: port, publish: true }],
    health: { kind: 'http', port, path: '/health' },
    scrape: { job: name, port, metricsPath, coreService: name, dropLabels: [...dropLabels] },
  };
}

const services: ServiceInput[] = [
  stub('suna', 'Suna web UI (Next.js); stub with the metrics of its API routes'),
  stub('onyx-core', 'Onyx Core (FastAPI); stub with the ONYX business metrics'),
  stub('litellm', 'LiteLLM proxy; stub with the real proxy metric names and labels', LITELLM_PII_LABELS),
  stub('qdrant', 'Qdrant vector database; stub with the real Qdrant metric names'),
  {
    name: 'redis',
    description: 'Redis 7 (Debian redis-server)',
    image: 'redis',
    command: ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'],
    deployedBy: 'onyx',
    ports: [{ name: 'redis', container: 6379 }],
    health: { kind: 'log', pattern: 'Ready to accept connections' },
    processNames: ['redis-server'],
  },
  {
    name: 'redis-exporter',
    description: 'redis_exporter 1.45 on loopback behind an nginx basic-auth proxy (it has no auth of its own)',
    image: 'redis',
    command: [
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
    authProxy: { innerPort: 9122 },
    ports: [{ name: 'metrics', container: 9121, publish: true }],
    health: { kind: 'http', port: 9121, path: '/metrics', withMetricsAuth: true },
    dependsOn: ['redis'],
    // Not nginx: five exporters run one, all with the same command line, so process-exporter
    // cannot tell whose it is; each exporter's group counts the exporter alone.
    processNames: ['prometheus-redi'],
    scrape: { job: 'redis', port: 9121, metricsPath: '/metrics', coreService: 'redis' },
  },
  {
    name: 'supabase-db',
    description: "PostgreSQL 15, Supabase's database (Debian postgresql-15)",
    image: 'postgres',
    secretEnv: { POSTGRES_PASSWORD: 'postgresPassword' },
    deployedBy: 'onyx',
    ports: [{ name: 'postgres', container: 5432 }],
    health: { kind: 'log', pattern: 'database system is ready to accept connections' },
    processNames: ['postgres'],
  },
  {
    name: 'supabase-exporter',
    description: 'postgres_exporter 0.11 on loopback behind an nginx basic-auth proxy (on its own it answers 200 to any method and path)',
    image: 'postgres',
    command: [
      'run-behind-auth-proxy',
      AUTH_PROXY_CONF,
      'prometheus-postgres-exporter',
      '--web.listen-address=127.0.0.1:9188',
      // Each scrape ran every default query (pg_settings, bgwriter, database sizes, locks,
      // activity, replication, ...) on a database capped at 0.3 CPU. Only what the dashboards and
      // rules read remains: pg_up (the exporter's own) and the query file's pg_stat_database.
      '--disable-settings-metrics',
      '--disable-default-metrics',
      '--no-collector.bgwriter',
      '--no-collector.database',
      `--extend.query-path=${POSTGRES_EXPORTER_QUERIES}`,
    ],
    env: { DATA_SOURCE_URI: 'supabase-db:5432/postgres?sslmode=disable', DATA_SOURCE_USER: 'postgres' },
    secretEnv: { DATA_SOURCE_PASS: 'postgresPassword' },
    authProxy: { innerPort: 9188 },
    ports: [{ name: 'metrics', container: 9187, publish: true }],
    health: { kind: 'http', port: 9187, path: '/metrics', withMetricsAuth: true },
    dependsOn: ['supabase-db'],
    processNames: ['prometheus-post'],
    scrape: { job: 'supabase', port: 9187, metricsPath: '/metrics', coreService: 'supabase' },
  },
  {
    name: 'node-exporter',
    description: "node_exporter 1.5 reading the host's /proc and /sys, on loopback behind an nginx basic-auth proxy",
    runtimeConfig: 'node-exporter-caps',
    image: 'node-exporter',
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
    authProxy: { innerPort: 9101 },
    hostMounts: [
      { source: '/proc', target: '/host/proc' },
      { source: '/sys', target: '/host/sys' },
    ],
    ports: [{ name: 'metrics', container: 9100, publish: true }],
    health: { kind: 'http', port: 9100, path: '/metrics', withMetricsAuth: true },
    processNames: ['prometheus-node'],
    scrape: { job: 'node-exporter', port: 9100, metricsPath: '/metrics', honorLabels: true },
  },
  {
    name: 'blackbox-exporter',
    description: "blackbox_exporter 0.23 probing every service's health endpoint or port, on loopback behind an nginx basic-auth proxy",
    runtimeConfig: 'blackbox-probes',
    image: 'blackbox-exporter',
    entrypoint: ['run-behind-auth-proxy'],
    command: [AUTH_PROXY_CONF, 'prometheus-blackbox-exporter', `--config.file=${EXPORTER_CONFIG_DIR}/blackbox.yml`, '--web.listen-address=127.0.0.1:9116'],
    authProxy: { innerPort: 9116, extraPaths: ['/probe'] },
    ports: [{ name: 'metrics', container: 9115, publish: true }],
    health: { kind: 'http', port: 9115, path: '/metrics', withMetricsAuth: true },
    processNames: ['prometheus-blac'],
    scrape: { job: 'blackbox-exporter', port: 9115, metricsPath: '/metrics', probeJob: 'blackbox' },
  },
  {
    name: 'process-exporter',
    description: "process-exporter 0.7 reading the host's /proc: CPU and memory of each service's processes, on loopback behind an nginx basic-auth proxy",
    runtimeConfig: 'process-groups',
    image: 'process-exporter',
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
    authProxy: { innerPort: 9257 },
    hostMounts: [{ source: '/proc', target: '/host/proc' }],
    ports: [{ name: 'metrics', container: 9256, publish: true }],
    health: { kind: 'http', port: 9256, path: '/metrics', withMetricsAuth: true },
    processNames: ['prometheus-proc'],
    scrape: { job: 'process-exporter', port: 9256, metricsPath: '/metrics', serviceFromLabel: 'groupname' },
  },
  {
    name: 'alertmanager',
    description: 'Alertmanager 0.25 (Debian), basic auth, no gossip; its receiver sends nothing off the machine',
    runtimeConfig: 'alertmanager',
    image: 'alertmanager',
    command: [
      `--config.file=${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`,
      `--web.config.file=${ALERTMANAGER_CONFIG_DIR}/web-config.yml`,
      '--storage.path=/alertmanager',
      '--web.listen-address=:9093',
      // One instance: no cluster, so no gossip port.
      '--cluster.listen-address=',
    ],
    dataDir: '/alertmanager',
    ports: [{ name: 'http', container: 9093, publish: true }],
    health: { kind: 'http', port: 9093, path: '/-/ready', withMetricsAuth: true },
    processNames: ['prometheus-aler'],
  },
  {
    name: 'grafana',
    description: 'Grafana OSS, the official image as it is; started only where the image is present or can be pulled',
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
  },
  {
    name: 'prometheus',
    description: 'Prometheus 2.42 (Debian), basic auth on its own API',
    runtimeConfig: 'prometheus',
    image: 'prometheus',
    command: [
      `--config.file=${PROMETHEUS_CONFIG_DIR}/prometheus.yml`,
      `--web.config.file=${PROMETHEUS_CONFIG_DIR}/web-config.yml`,
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
  },
];

export const ONYX_STACK: StackModel = StackModel.parse({
  name: 'onyx-monitoring',
  scrapeIntervalSeconds: 15,
  scrapeTimeoutSeconds: 10,
  services,
  profile: KVM4,
});
