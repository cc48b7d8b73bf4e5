import { AUTH_PROXY_CONF } from '../container-paths.ts';
import type { ServiceInput } from '../schema.ts';
import { behindAuthProxy } from './exporter.ts';

/** postgres_exporter's query file, baked into the postgres image (stack/images/postgres/exporter-queries.yml). */
const POSTGRES_EXPORTER_QUERIES = '/etc/postgres-exporter/queries.yml';

export const SUPABASE_DB: ServiceInput = {
  name: 'supabase-db',
  description: "PostgreSQL 15, Supabase's database (Debian postgresql-15)",
  image: 'postgres',
  auth: { kind: 'none' },
  secretEnv: { POSTGRES_PASSWORD: 'postgresPassword' },
  deployedBy: 'onyx',
  ports: [{ name: 'postgres', container: 5432 }],
  health: { kind: 'log', pattern: 'database system is ready to accept connections' },
  processNames: ['postgres'],
};

export const SUPABASE_EXPORTER: ServiceInput = {
  name: 'supabase-exporter',
  description: 'postgres_exporter 0.11 on loopback behind an nginx basic-auth proxy (on its own it answers 200 to any method and path)',
  image: 'postgres',
  ...behindAuthProxy(9187, 9188),
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
  dependsOn: ['supabase-db'],
  processNames: ['prometheus-post'],
  scrape: { job: 'supabase', port: 9187, metricsPath: '/metrics', coreService: 'supabase' },
};
