import type { PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';
import { DASHBOARD_SPECS, type DashboardSpec } from '../../../stack/dashboards/index.ts';
import { analyzePromql } from '../promql/analyze.ts';

// The data half of AC 9.1.2, without Grafana: the panel queries of each dashboard, interpolated as
// Grafana would with every variable on "All", run against the running Prometheus as range queries
// over the dashboard's default range; all queries of one dashboard at once, as a browser loading
// it sends them, timed together.

export interface QueryWindow {
  rangeS: number;
  stepS: number;
  /** What $__rate_interval becomes: max(step + scrape interval, 4 x scrape interval). */
  rateIntervalS: number;
}

export class BadTimeRange extends Error {}

const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Grafana's step for a range: range / max data points, never below the datasource's scrape interval. */
export function queryWindow(from: string, scrapeIntervalS: number, maxDataPoints = 1000): QueryWindow {
  const match = /^now-(\d+)([smhd])$/.exec(from);
  if (!match) throw new BadTimeRange(`time range from "${from}" is not of the form now-<n><s|m|h|d>`);
  const rangeS = Number(match[1]) * UNIT_S[match[2]!]!;
  const stepS = Math.max(scrapeIntervalS, Math.ceil(rangeS / maxDataPoints));
  return { rangeS, stepS, rateIntervalS: Math.max(stepS + scrapeIntervalS, 4 * scrapeIntervalS) };
}

/** The query Prometheus receives from Grafana: built-ins replaced, every user variable on "All" (`.*`). */
export function interpolate(expr: string, window: QueryWindow | undefined): string {
  const builtins: Record<string, string> = window
    ? { __rate_interval: `${window.rateIntervalS}s`, __interval: `${window.stepS}s`, __range: `${window.rangeS}s`, __range_s: String(window.rangeS) }
    : {};
  return expr.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (match, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c ?? '';
    // Without a window the built-ins stay for Grafana's backend to replace, as from a browser.
    if (name.startsWith('__')) return builtins[name] ?? match;
    return '.*';
  });
}

export interface PanelData {
  panel: string;
  expr: string;
  /** The query as sent, variables interpolated. */
  sent: string;
  series: number;
  seriesWithValues: number;
  error?: string;
}

export interface DashboardData {
  dashboard: string;
  window: QueryWindow;
  panels: PanelData[];
  /** Wall time of all its queries sent at once, until the last answered. */
  loadMs: number;
  /** Metric names its queries select that Prometheus holds no series of. */
  missingMetrics: { panel: string; metric: string }[];
}

/** What the data check needs of a dashboard: its default range and its panels' queries. */
export interface QueriedDashboard {
  title: string;
  from: string;
  panels: { title: string; queries: { expr: string }[] }[];
}

/** The same from any dashboard JSON (a broken fixture, an export): range from time.from, queries from targets[].expr. */
export function queriedDashboardOf(json: unknown): QueriedDashboard {
  const d = json as { title?: string; time?: { from?: string }; panels?: { title?: string; targets?: { expr?: string }[] }[] };
  return {
    title: d.title ?? '(untitled)',
    from: d.time?.from ?? 'now-1h',
    panels: (d.panels ?? []).map((p) => ({
      title: p.title ?? '(untitled)',
      queries: (p.targets ?? []).flatMap((t) => (typeof t.expr === 'string' ? [{ expr: t.expr }] : [])),
    })),
  };
}

export function metricsOf(spec: QueriedDashboard): { panel: string; metric: string }[] {
  return spec.panels.flatMap((p) =>
    p.queries.flatMap((q) =>
      analyzePromql(q.expr).metrics.filter((m) => !m.templated && !m.regex).map((m) => ({ panel: p.title, metric: m.name })),
    ),
  );
}

export async function loadDashboard(
  prom: PrometheusClient,
  spec: QueriedDashboard,
  scrapeIntervalS: number,
  known: ReadonlySet<string>,
): Promise<DashboardData> {
  const window = queryWindow(spec.from, scrapeIntervalS);
  const endS = Math.floor(Date.now() / 1000);
  const queries = spec.panels.flatMap((p) => p.queries.map((q) => ({ panel: p.title, expr: q.expr, sent: interpolate(q.expr, window) })));
  const began = performance.now();
  const panels = await Promise.all(
    queries.map(async (q): Promise<PanelData> => {
      try {
        const series = await prom.range(q.sent, endS - window.rangeS, endS, window.stepS);
        return { ...q, series: series.length, seriesWithValues: series.filter((s) => s.values.length > 0).length };
      } catch (error) {
        return { ...q, series: 0, seriesWithValues: 0, error: (error as Error).message };
      }
    }),
  );
  const loadMs = performance.now() - began;
  const missingMetrics = metricsOf(spec).filter((m) => !known.has(m.metric));
  return { dashboard: spec.title, window, panels, loadMs, missingMetrics };
}

export async function loadAllDashboards(
  prom: PrometheusClient,
  scrapeIntervalS: number,
  specs: readonly DashboardSpec[] = DASHBOARD_SPECS,
): Promise<DashboardData[]> {
  const known = new Set(await prom.metricNames());
  const results: DashboardData[] = [];
  // One dashboard after the other: each load is timed on its own, as a user opens one at a time.
  for (const spec of specs) results.push(await loadDashboard(prom, spec, scrapeIntervalS, known));
  return results;
}

/** What is wrong with the data, one line each, naming dashboard and panel. */
export function dataProblems(data: DashboardData[], loadLimitMs: number): string[] {
  const problems: string[] = [];
  for (const d of data) {
    for (const m of d.missingMetrics) problems.push(`${d.dashboard} / ${m.panel}: metric ${m.metric} does not exist in Prometheus`);
    for (const p of d.panels) {
      if (p.error) problems.push(`${d.dashboard} / ${p.panel}: query failed: ${p.error} (${p.sent})`);
      else if (p.seriesWithValues === 0) problems.push(`${d.dashboard} / ${p.panel}: no series with values over the last ${d.window.rangeS} s (${p.sent})`);
    }
    if (d.loadMs > loadLimitMs) problems.push(`${d.dashboard}: its ${d.panels.length} queries took ${Math.round(d.loadMs)} ms, over ${loadLimitMs} ms`);
  }
  return problems;
}

/** Panels, and panels whose every query returned a series with values. */
export function panelCounts(d: DashboardData): { panels: number; withData: number } {
  const panels = new Set(d.panels.map((p) => p.panel));
  const empty = new Set(d.panels.filter((p) => p.seriesWithValues === 0).map((p) => p.panel));
  return { panels: panels.size, withData: panels.size - empty.size };
}

export function summarize(d: DashboardData): string {
  const { panels, withData } = panelCounts(d);
  return `${d.dashboard}: ${withData}/${panels} panels with data, ${d.panels.length} queries at once in ${Math.round(d.loadMs)} ms`;
}
