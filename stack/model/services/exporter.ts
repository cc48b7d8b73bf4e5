import type { ServiceInput } from '../schema.ts';

/**
 * The fields every exporter behind the nginx auth proxy shares: nginx does basic auth on the
 * published scrape `port` and passes GET and HEAD of the metrics path (and `extraPaths`) to the
 * exporter on 127.0.0.1:`innerPort`; readiness is an authenticated scrape.
 */
export function behindAuthProxy(port: number, innerPort: number, extraPaths: string[] = []): Pick<ServiceInput, 'auth' | 'ports' | 'health'> {
  return {
    auth: { kind: 'auth-proxy', innerPort, extraPaths },
    ports: [{ name: 'metrics', container: port, publish: true }],
    health: { kind: 'http', port, path: '/metrics', withMetricsAuth: true },
  };
}
