// The four services that run as stubs here, with their products' ports and paths: model data, which
// the stubs themselves read too (they serve where the product would). No dependencies, so that the
// stub bundle and every importer get it for nothing.

export const STUB_SERVICE_NAMES = ['suna', 'onyx-core', 'litellm', 'qdrant'] as const;
export type StubService = (typeof STUB_SERVICE_NAMES)[number];

export interface StubServiceInfo {
  service: StubService;
  defaultPort: number;
  metricsPath: string;
  healthPath: string;
}

export const STUB_SERVICES: readonly StubServiceInfo[] = [
  // Next.js serves its own API routes under /api, so Suna's metrics sit there.
  { service: 'suna', defaultPort: 3000, metricsPath: '/api/metrics', healthPath: '/health' },
  { service: 'onyx-core', defaultPort: 8080, metricsPath: '/metrics', healthPath: '/health' },
  // LiteLLM mounts prometheus_client's ASGI app, which answers on /metrics/ (trailing slash).
  { service: 'litellm', defaultPort: 4000, metricsPath: '/metrics/', healthPath: '/health' },
  { service: 'qdrant', defaultPort: 6333, metricsPath: '/metrics', healthPath: '/health' },
];

export function stubServiceInfo(service: StubService): StubServiceInfo {
  const info = STUB_SERVICES.find((s) => s.service === service);
  if (!info) throw new Error(`unknown stub service ${String(service)}`);
  return info;
}

/**
 * Labels the real LiteLLM proxy fills with personal data. The litellm stub emits them as the
 * proxy does; the litellm scrape job drops them before storage.
 */
export const LITELLM_PII_LABELS = ['end_user', 'user', 'user_email', 'client_ip', 'user_agent'] as const;
