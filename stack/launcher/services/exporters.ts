import type { Credentials } from '../../model/credentials.ts';
import { EXPORTER_CONFIG_DIR } from '../../model/onyx-stack.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { AUTH_PROXY_HTPASSWD_PATH, renderAuthProxyConfFor, renderHtpasswd, renderWebConfig } from '../../render/exporter-auth.ts';
import type { RuntimeFile } from '../service-container.ts';

/** node_exporter and postgres_exporter do basic auth themselves, from a bcrypt web config. */
export function webConfigExporterFiles(_stack: StackModel, _service: Service, c: Credentials): RuntimeFile[] {
  return [{ target: `${EXPORTER_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) }];
}

/** redis_exporter has no auth: nginx on the scrape port checks an htpasswd and proxies to it. */
export function authProxiedExporterFiles(_stack: StackModel, service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: AUTH_PROXY_HTPASSWD_PATH, content: renderHtpasswd(c.metricsUser, c.metricsPassword) },
    { target: `${EXPORTER_CONFIG_DIR}/nginx.conf`, content: renderAuthProxyConfFor(service) },
  ];
}
