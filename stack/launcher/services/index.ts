import type { Credentials } from '../../model/credentials.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import type { RuntimeFile } from '../service-container.ts';
import { authProxiedExporterFiles, webConfigExporterFiles } from './exporters.ts';
import { prometheusFiles } from './prometheus.ts';

// What each service needs beyond its model entry: files that carry this run's credentials (a
// password file, a bcrypt hash), rendered at start and copied in, never committed.

type FileRecipe = (stack: StackModel, service: Service, credentials: Credentials) => RuntimeFile[];

const RECIPES: Record<string, FileRecipe> = {
  prometheus: prometheusFiles,
  'node-exporter': webConfigExporterFiles,
  'supabase-exporter': webConfigExporterFiles,
  'redis-exporter': authProxiedExporterFiles,
};

export function runtimeFiles(stack: StackModel, service: Service, credentials: Credentials): RuntimeFile[] {
  return RECIPES[service.name]?.(stack, service, credentials) ?? [];
}
