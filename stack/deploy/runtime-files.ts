import type { Credentials } from '../model/credentials.ts';
import type { Service, StackModel } from '../model/schema.ts';
import type { RuntimeFile } from '../launcher/service-container.ts';
import { runtimeFiles } from '../launcher/runtime-files/index.ts';

// What the VPS's Compose file runs, and the files its containers need that carry secrets. The
// launcher copies the same runtime files into its containers; on the VPS they are bind-mounted
// from a folder the operator renders from their own environment (`npm run stack:render-secrets`).

/** Inside a container: `user:password` for its Compose health check (a metrics path needs basic auth). */
export const HEALTH_CREDENTIALS_FILE = '/etc/onyx-health/credentials';

/** The services the monitoring Compose file runs: everything but the ONYX platform's own services. */
export function monitoringServices(stack: StackModel): Service[] {
  return stack.services.filter((s) => s.deployedBy === 'monitoring');
}

/** Every file a monitoring service's container needs from the operator's environment at deploy time. */
export function deployRuntimeFiles(stack: StackModel, service: Service, credentials: Credentials): RuntimeFile[] {
  const files = runtimeFiles(stack, service, credentials);
  if (service.health.kind === 'http' && service.health.withMetricsAuth) {
    // No trailing newline: the health check base64-encodes the file as it is.
    files.push({ target: HEALTH_CREDENTIALS_FILE, content: `${credentials.metricsUser}:${credentials.metricsPassword}` });
  }
  return files;
}

/** The path of a runtime file under the rendered folder: `<service>/<target inside the container>`. */
export function runtimeFileSource(service: string, target: string): string {
  return `${service}${target}`;
}
