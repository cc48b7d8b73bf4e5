import type { Credentials } from '../../model/credentials.ts';
import type { Cap, RuntimeConfig, Service, StackModel } from '../../model/schema.ts';
import type { RuntimeFile } from '../service-container.ts';
import { blackboxExporterFiles, nodeExporterFiles, processExporterFiles } from './container-health.ts';
import { alertmanagerFiles } from './alertmanager.ts';
import { grafanaFiles } from './grafana.ts';
import { authFiles } from './auth.ts';
import { prometheusFiles } from './prometheus.ts';

// What a service needs beyond its model entry, chosen by the model's data, never by a service's
// name: the files of its auth kind (`auth`), and its product's config (`runtimeConfig`).
// Files that carry this run's credentials (a password file, a hash) are rendered at start, never committed.

type FileRecipe = (stack: StackModel, service: Service, credentials: Credentials, caps: Record<string, Cap>) => RuntimeFile[];

const CONFIG_RECIPES: Record<RuntimeConfig, FileRecipe> = {
  prometheus: prometheusFiles,
  alertmanager: alertmanagerFiles,
  grafana: grafanaFiles,
  'node-exporter-caps': nodeExporterFiles,
  'blackbox-probes': blackboxExporterFiles,
  'process-groups': processExporterFiles,
};

/** `caps`: what the containers got (clamped to this host); by default the profile's, as on the VPS. */
export function runtimeFiles(
  stack: StackModel,
  service: Service,
  credentials: Credentials,
  caps: Record<string, Cap> = stack.profile.caps,
): RuntimeFile[] {
  return [
    ...authFiles(service, credentials),
    ...(service.runtimeConfig ? CONFIG_RECIPES[service.runtimeConfig](stack, service, credentials, caps) : []),
  ];
}
