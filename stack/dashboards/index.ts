import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { APPLICATION_PERFORMANCE } from './application-performance.ts';
import { INFRASTRUCTURE_HEALTH } from './infrastructure-health.ts';
import { LLM_METRICS } from './llm-metrics.ts';
import { buildDashboard, type DashboardSpec } from './panels.ts';
import { RAG_PERFORMANCE } from './rag-performance.ts';
import { SYSTEM_OVERVIEW } from './system-overview.ts';

export { DASHBOARD_REFRESH, PROMETHEUS_DATASOURCE_UID, type DashboardSpec } from './panels.ts';

/** The five dashboards of story 9.1, in the order the story names them. */
export const DASHBOARD_SPECS: readonly DashboardSpec[] = [
  SYSTEM_OVERVIEW,
  APPLICATION_PERFORMANCE,
  LLM_METRICS,
  RAG_PERFORMANCE,
  INFRASTRUCTURE_HEALTH,
];

export interface BuiltDashboard {
  spec: DashboardSpec;
  json: Dashboard;
}

export function buildDashboards(): BuiltDashboard[] {
  return DASHBOARD_SPECS.map((spec) => ({ spec, json: buildDashboard(spec) }));
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  /** As in the dashboard: Grafana variables ($job, $__rate_interval) not yet replaced. */
  expr: string;
}

/** Every query of every panel, as Grafana would send it before interpolation. */
export function panelQueries(specs: readonly DashboardSpec[] = DASHBOARD_SPECS): PanelQuery[] {
  return specs.flatMap((d) => d.panels.flatMap((p) => p.queries.map((q) => ({ dashboard: d.title, panel: p.title, expr: q.expr }))));
}
