import type { Credentials } from '../../model/credentials.ts';
import { EXPORTER_CONFIG_DIR, TEXTFILE_DIR } from '../../model/container-paths.ts';
import type { Cap, Service, StackModel } from '../../model/schema.ts';
import { BLACKBOX_PASSWORD_FILE, renderBlackboxConfig, renderCapsTextfile, renderProcessExporterConfig } from '../../render/container-health.ts';
import type { RuntimeFile } from '../service-container.ts';

/** blackbox_exporter: its probe modules, and the password its authenticated probes send. */
export function blackboxExporterFiles(_stack: StackModel, _service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: `${EXPORTER_CONFIG_DIR}/blackbox.yml`, content: renderBlackboxConfig(c.metricsUser) },
    { target: BLACKBOX_PASSWORD_FILE, content: c.metricsPassword },
  ];
}

/** process-exporter: one process group per service. */
export function processExporterFiles(stack: StackModel): RuntimeFile[] {
  return [
    { target: `${EXPORTER_CONFIG_DIR}/process-exporter.yml`, content: renderProcessExporterConfig(stack) },
  ];
}

/** node_exporter: the caps of this run's containers for its textfile collector. */
export function nodeExporterFiles(stack: StackModel, _service: Service, _c: Credentials, caps: Record<string, Cap>): RuntimeFile[] {
  const running = Object.fromEntries(stack.services.flatMap((s) => (caps[s.name] ? [[s.name, caps[s.name]!]] : [])));
  return [{ target: `${TEXTFILE_DIR}/caps.prom`, content: renderCapsTextfile(running) }];
}
