import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { STUB_SERVICE_NAMES, stubServiceInfo, type StubService } from '../../stack/stubs/services.ts';

/** One metrics endpoint to time, with the floor it is compared with. */
export interface MetricsEndpoint {
  /** The service name, as in the stack model. */
  name: string;
  /** Prometheus's job for it, to read scrape_duration_seconds. */
  job?: string;
  /** Core services are held to AC 9.1.3; the others are reported against the same goal. */
  core: boolean;
  /** The service's container, to read its CPU throttling. */
  container?: string;
  url: string;
  /**
   * A trivial route of the same server: same runtime, cap, network path and auth, so the ratio
   * of the metrics p95 to this p95 is what the metrics themselves cost.
   */
  floorUrl: string;
  authorization: string;
}

/** The cheapest route each real server has (a landing page or health check). */
const FLOOR_PATHS: Record<string, string> = {
  'node-exporter': '/',
  'supabase-exporter': '/',
  // nginx checks the credentials and proxies to redis_exporter's landing page: the same path as /metrics.
  'redis-exporter': '/',
  prometheus: '/-/healthy',
};

function floorPath(service: string): string {
  if ((STUB_SERVICE_NAMES as readonly string[]).includes(service)) return stubServiceInfo(service as StubService).healthPath;
  const path = FLOOR_PATHS[service];
  if (!path) throw new Error(`no floor route is known for ${service}: add one to FLOOR_PATHS`);
  return path;
}

/** Every scraped service of the running stack, with credentials, reached from the host. */
export function stackEndpoints(info: StackInfo): MetricsEndpoint[] {
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  return info.services.flatMap((s) => {
    if (!s.metricsUrl) return [];
    const origin = new URL(s.metricsUrl).origin;
    return [
      {
        name: s.name,
        job: s.scrapeJob,
        core: s.coreService !== undefined,
        container: s.container,
        url: s.metricsUrl,
        floorUrl: `${origin}${floorPath(s.name)}`,
        authorization,
      },
    ];
  });
}
