import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Credentials } from '../../model/credentials.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { REPO_ROOT } from '../../paths.ts';
import { RENDERED_DASHBOARDS_DIR } from '../../render/dashboards.ts';
import { GRAFANA_DASHBOARDS_DIR, grafanaConfigFiles } from '../../render/grafana.ts';
import type { RuntimeFile } from '../service-container.ts';

/** Grafana's settings and provisioning, and the committed dashboard JSON its file provider loads. */
export function grafanaFiles(stack: StackModel, _service: Service, _c: Credentials): RuntimeFile[] {
  const dir = resolve(REPO_ROOT, RENDERED_DASHBOARDS_DIR);
  const dashboards = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ target: `${GRAFANA_DASHBOARDS_DIR}/${name}`, content: readFileSync(join(dir, name), 'utf8') }));
  return [...[...grafanaConfigFiles(stack)].map(([target, content]) => ({ target, content })), ...dashboards];
}
