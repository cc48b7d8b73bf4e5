import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { STUB_SERVICE_NAMES, stubServiceInfo, type StubService } from '../../stack/model/stub-services.ts';

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
  /** What the floor route answers (200 unless said). */
  floorStatus?: number;
  authorization: string;
}

/**
 * The cheapest route each real server has (a health check), and its answer. nginx in front of each
 * exporter proxies /metrics alone: its trivial answer is the 404 it gives any other path after the
 * same auth check (the floor then is nginx's, not the exporter's).
 */
const FLOORS: Record<string, { path: string; status: number }> = {
  'node-exporter': { path: '/', status: 404 },
  'supabase-exporter': { path: '/', status: 404 },
  'redis-exporter': { path: '/', status: 404 },
  prometheus: { path: '/-/healthy', status: 200 },
};

/**
 * Beyond the six core services, the SPEC reports these against the same goal. The container-health
 * exporters (blackbox, process) are not timed: they came after AC 9.1.3's list.
 */
export const REPORTED_NOT_CORE = ['node-exporter', 'prometheus'];

function floorOf(service: string): { path: string; status: number } {
  if ((STUB_SERVICE_NAMES as readonly string[]).includes(service)) return { path: stubServiceInfo(service as StubService).healthPath, status: 200 };
  const floor = FLOORS[service];
  if (!floor) throw new Error(`no floor route is known for ${service}: add one to FLOORS`);
  return floor;
}

/** The scraped services AC 9.1.3 covers, with credentials, reached from the host. */
export function stackEndpoints(info: StackInfo): MetricsEndpoint[] {
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  return info.services.flatMap((s) => {
    if (!s.metricsUrl || (s.coreService === undefined && !REPORTED_NOT_CORE.includes(s.name))) return [];
    const origin = new URL(s.metricsUrl).origin;
    const floor = floorOf(s.name);
    return [
      {
        name: s.name,
        job: s.scrapeJob,
        core: s.coreService !== undefined,
        container: s.container,
        url: s.metricsUrl,
        floorUrl: `${origin}${floor.path}`,
        floorStatus: floor.status,
        authorization,
      },
    ];
  });
}
