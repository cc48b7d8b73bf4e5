import type { Credentials } from '../../model/credentials.ts';
import { EXPORTER_CONFIG_DIR } from '../../model/container-paths.ts';
import type { Service } from '../../model/schema.ts';
import { AUTH_PROXY_HTPASSWD_PATH, renderAuthProxyConfFor, renderHtpasswd } from '../../render/exporter-auth.ts';
import type { RuntimeFile } from '../service-container.ts';

/** nginx doing basic auth in front of a service (auth kind `auth-proxy`): the htpasswd and the nginx.conf. */
export function authProxyFiles(service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: AUTH_PROXY_HTPASSWD_PATH, content: renderHtpasswd(c.metricsUser, c.metricsPassword) },
    { target: `${EXPORTER_CONFIG_DIR}/nginx.conf`, content: renderAuthProxyConfFor(service) },
  ];
}
