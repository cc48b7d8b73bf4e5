import type { Credentials } from '../../model/credentials.ts';
import { EXPORTER_CONFIG_DIR } from '../../model/onyx-stack.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { AUTH_PROXY_HTPASSWD_PATH, renderAuthProxyConfFor, renderHtpasswd, renderWebConfig } from '../../render/exporter-auth.ts';
import type { RuntimeFile } from '../service-container.ts';

/**
 * How an exporter does basic auth, as its model says: nginx in front (`authProxy`: an htpasswd and
 * the nginx.conf), or the exporter itself from a bcrypt web config (`--web.config.file`).
 */
export function exporterAuthFiles(_stack: StackModel, service: Service, c: Credentials): RuntimeFile[] {
  if (!service.authProxy) return [{ target: `${EXPORTER_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) }];
  return [
    { target: AUTH_PROXY_HTPASSWD_PATH, content: renderHtpasswd(c.metricsUser, c.metricsPassword) },
    { target: `${EXPORTER_CONFIG_DIR}/nginx.conf`, content: renderAuthProxyConfFor(service) },
  ];
}
