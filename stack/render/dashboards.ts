import { stringify } from 'yaml';
import { buildDashboards, DASHBOARD_SPECS, type DashboardSpec } from '../dashboards/index.ts';

// The dashboards as the JSON files Grafana's file provider loads, and the `.lint` file beside
// them that switches a lint rule off for a named panel, with the reason (the format of Grafana's
// dashboard-linter, read by `npm run lint:dashboards`). Grafana only loads *.json from the folder.

export const RENDERED_DASHBOARDS_DIR = 'stack/generated/dashboards';

export function dashboardFileName(spec: DashboardSpec): string {
  return `${spec.uid.replace(/^onyx-/, '')}.json`;
}

export function renderLintExclusions(specs: readonly DashboardSpec[] = DASHBOARD_SPECS): string {
  const exclusions: Record<string, { entries: { dashboard: string; panel: string; reason: string }[] }> = {};
  for (const d of specs) {
    for (const p of d.panels) {
      for (const e of p.lintExclusions ?? []) {
        (exclusions[e.rule] ??= { entries: [] }).entries.push({ dashboard: d.title, panel: p.title, reason: e.reason });
      }
    }
  }
  return `# Rendered from stack/dashboards by \`npm run stack:render\`: lint rules switched off per panel, with the reason.\n${stringify({ exclusions })}`;
}

/** Every file of the rendered dashboards folder (path relative to the repository root → content). */
export function renderDashboardFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { spec, json } of buildDashboards()) {
    files.set(`${RENDERED_DASHBOARDS_DIR}/${dashboardFileName(spec)}`, `${JSON.stringify(json, null, 2)}\n`);
  }
  files.set(`${RENDERED_DASHBOARDS_DIR}/.lint`, renderLintExclusions());
  return files;
}
