import { renderHtpasswd, renderNginxAuthProxyConf, renderWebConfig } from '../../render/exporter-auth.ts';
import { renderPrometheusConfig } from '../../render/prometheus-config.ts';
import type { Credentials } from '../../model/credentials.ts';
import { EXPORTER_CONFIG_DIR, METRICS_PASSWORD_FILE, PROMETHEUS_CONFIG_DIR } from '../../model/onyx-stack.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import type { RuntimeFile } from '../service-container.ts';

// The files each service needs at start. They carry this run's credentials (a password file, a
// bcrypt hash), so they are rendered at start and copied in, never committed.

type FileRecipe = (stack: StackModel, service: Service, credentials: Credentials) => RuntimeFile[];

const webConfigExporter: FileRecipe = (_stack, _service, c) => [
  { target: `${EXPORTER_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) },
];

const prometheus: FileRecipe = (stack, _service, c) => [
  { target: `${PROMETHEUS_CONFIG_DIR}/prometheus.yml`, content: renderPrometheusConfig(stack, { metricsUser: c.metricsUser }) },
  { target: `${PROMETHEUS_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) },
  { target: METRICS_PASSWORD_FILE, content: c.metricsPassword },
];

/** redis_exporter listens on 127.0.0.1:9122 inside its container; nginx on 9121 does the auth. */
const redisExporterBehindNginx: FileRecipe = (_stack, service, c) => {
  const htpasswdPath = `${EXPORTER_CONFIG_DIR}/htpasswd`;
  return [
    { target: htpasswdPath, content: renderHtpasswd(c.metricsUser, c.metricsPassword) },
    {
      target: `${EXPORTER_CONFIG_DIR}/nginx.conf`,
      content: renderNginxAuthProxyConf({ listenPort: service.scrape!.port, upstreamPort: 9122, htpasswdPath, realm: 'metrics' }),
    },
  ];
};

const RECIPES: Record<string, FileRecipe> = {
  prometheus,
  'node-exporter': webConfigExporter,
  'supabase-exporter': webConfigExporter,
  'redis-exporter': redisExporterBehindNginx,
};

export function runtimeFiles(stack: StackModel, service: Service, credentials: Credentials): RuntimeFile[] {
  return RECIPES[service.name]?.(stack, service, credentials) ?? [];
}
