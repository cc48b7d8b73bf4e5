import type { Credentials } from '../../model/credentials.ts';
import { webConfigPath, type Service } from '../../model/schema.ts';
import { renderWebConfig } from '../../render/exporter-auth.ts';
import type { RuntimeFile } from '../service-container.ts';
import { authProxyFiles } from './auth-proxy.ts';

/**
 * The files that put this run's credentials on a service, by its auth kind. The stub runtime reads
 * them from its environment (secretEnvOf), Grafana from its own; a database has no HTTP to guard.
 */
export function authFiles(service: Service, c: Credentials): RuntimeFile[] {
  switch (service.auth.kind) {
    case 'web-config':
      return [{ target: webConfigPath(service.auth.configDir), content: renderWebConfig(c.metricsUser, c.metricsPassword) }];
    case 'auth-proxy':
      return authProxyFiles(service, c);
    case 'stub-runtime':
    case 'own-login':
    case 'none':
      return [];
  }
}
