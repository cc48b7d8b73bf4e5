import { stringify } from 'yaml';
import { EXPORTER_CONFIG_DIR } from '../model/container-paths.ts';
import type { Cap, Service, StackModel } from '../model/schema.ts';

// Container health without cAdvisor, from the model: the probes blackbox_exporter runs (one per
// service, on its readiness check), the process groups process-exporter counts (one per service,
// by process name), and each service's cap as series for node_exporter's textfile collector.

export const BLACKBOX_PASSWORD_FILE = `${EXPORTER_CONFIG_DIR}/secrets/metrics-password`;
export const PROBE_MODULE = { http: 'http_2xx', httpWithAuth: 'http_2xx_metrics_auth', tcp: 'tcp_connect' } as const;
const PROBE_TIMEOUT = '5s';

export interface ProbeTarget {
  service: string;
  module: string;
  /** What blackbox_exporter is told to probe: a URL or host:port on the stack network. */
  target: string;
}

/** Each service's readiness check as a probe: HTTP where it has one, else a TCP connect to its first port. */
export function probeTargets(stack: StackModel): ProbeTarget[] {
  return stack.services
    .filter((s) => !s.scrape?.probeJob)
    .flatMap((s): ProbeTarget[] => {
      if (s.health.kind === 'http') {
        const module = s.health.withMetricsAuth ? PROBE_MODULE.httpWithAuth : PROBE_MODULE.http;
        return [{ service: s.name, module, target: `http://${s.name}:${s.health.port}${s.health.path}` }];
      }
      const port = s.ports[0];
      return port ? [{ service: s.name, module: PROBE_MODULE.tcp, target: `${s.name}:${port.container}` }] : [];
    });
}

/** blackbox.yml: no secret in it, the password of authenticated probes is read from a file. */
export function renderBlackboxConfig(metricsUser: string): string {
  const http = { valid_status_codes: [200], preferred_ip_protocol: 'ip4', ip_protocol_fallback: false };
  const modules = {
    [PROBE_MODULE.http]: { prober: 'http', timeout: PROBE_TIMEOUT, http },
    [PROBE_MODULE.httpWithAuth]: {
      prober: 'http',
      timeout: PROBE_TIMEOUT,
      http: { ...http, basic_auth: { username: metricsUser, password_file: BLACKBOX_PASSWORD_FILE } },
    },
    [PROBE_MODULE.tcp]: { prober: 'tcp', timeout: PROBE_TIMEOUT, tcp: { preferred_ip_protocol: 'ip4', ip_protocol_fallback: false } },
  };
  return `# Rendered from the stack model by stack/render/container-health.ts.\n${stringify({ modules }, { aliasDuplicateObjects: false })}`;
}

/** process-exporter.yml: one group per service, named after it, matching its process names. */
export function renderProcessExporterConfig(stack: StackModel): string {
  const groups = stack.services
    .filter((s: Service) => s.processNames.length > 0)
    .map((s) => ({ name: s.name, comm: s.processNames }));
  return `# Rendered from the stack model by stack/render/container-health.ts: one process group per service.\n${stringify({ process_names: groups })}`;
}

/** The caps as Prometheus text (node_exporter textfile collector): what each container was given. */
export function renderCapsTextfile(caps: Record<string, Cap>): string {
  const lines = [
    '# HELP onyx_service_cpu_cap_cores CPU cap of the service container, in cores (after clamping to the host).',
    '# TYPE onyx_service_cpu_cap_cores gauge',
    ...Object.entries(caps).map(([service, cap]) => `onyx_service_cpu_cap_cores{service="${service}"} ${cap.cpu}`),
    '# HELP onyx_service_memory_cap_bytes Memory cap of the service container, in bytes.',
    '# TYPE onyx_service_memory_cap_bytes gauge',
    ...Object.entries(caps).map(([service, cap]) => `onyx_service_memory_cap_bytes{service="${service}"} ${cap.memoryMiB * 1024 * 1024}`),
  ];
  return `${lines.join('\n')}\n`;
}
