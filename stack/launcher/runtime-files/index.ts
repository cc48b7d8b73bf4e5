import type { EffectiveCap } from '../../model/caps.ts';
import type { Credentials } from '../../model/credentials.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import type { RuntimeFile } from '../service-container.ts';
import { blackboxExporterFiles, nodeExporterFiles, processExporterFiles } from './container-health.ts';
import { alertmanagerFiles } from './alertmanager.ts';
import { grafanaFiles } from './grafana.ts';
import { exporterAuthFiles } from './exporters.ts';
import { prometheusFiles } from './prometheus.ts';

// What each service needs beyond its model entry: files that carry this run's credentials (a
// password file, a bcrypt hash), rendered at start and copied in, never committed.

type FileRecipe = (stack: StackModel, service: Service, credentials: Credentials, caps: Record<string, EffectiveCap>) => RuntimeFile[];

const RECIPES: Record<string, FileRecipe> = {
  prometheus: prometheusFiles,
  alertmanager: alertmanagerFiles,
  grafana: grafanaFiles,
  'node-exporter': nodeExporterFiles,
  'blackbox-exporter': blackboxExporterFiles,
  'process-exporter': processExporterFiles,
  'supabase-exporter': exporterAuthFiles,
  'redis-exporter': exporterAuthFiles,
};

/** `caps`: what the containers got (clamped to this host); by default the profile's, as on the VPS. */
export function runtimeFiles(
  stack: StackModel,
  service: Service,
  credentials: Credentials,
  caps: Record<string, EffectiveCap> = stack.profile.caps,
): RuntimeFile[] {
  return RECIPES[service.name]?.(stack, service, credentials, caps) ?? [];
}
