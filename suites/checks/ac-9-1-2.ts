import { resolve } from 'node:path';
import { metricLine } from '../../bench/report/lines.ts';
import { DASHBOARD_SPECS, PROMETHEUS_DATASOURCE_UID } from '../../stack/dashboards/index.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { RENDERED_DASHBOARDS_DIR } from '../../stack/render/dashboards.ts';
import type { AcResult } from './ac-result.ts';
import { lintFiles } from './dashboard-lint/lint-files.ts';
import { dataProblems, loadAllDashboards, panelCounts, summarize, type DashboardData } from './dashboards/data.ts';
import { gatherGrafanaEvidence, grafanaProblems } from './dashboards/grafana-runtime.ts';
import { LOAD_ROUNDS, slowLoadProblems, timeDashboardLoads } from './dashboards/load-timing.ts';
import { checkDashboardSet, formatFinding, readDashboardFolder } from './dashboards/provisioned-set.ts';
import type { VerifyContext } from './ac-check.ts';
import { waitFor } from './wait.ts';

export const AC_912_TITLE = 'Grafana shows 5 dashboards (System Overview, Application Performance, LLM Metrics, RAG Performance, Infrastructure Health), refreshing every 10 s';
export const DASHBOARD_LOAD_LIMIT_MS = 2_000;
const DATA_WAIT_MS = 150_000;

/** The files Grafana provisions: the story's five, refresh 10s, lint clean (every query parses, counters through rate...). */
export async function staticDashboardProblems(dir = resolve(REPO_ROOT, RENDERED_DASHBOARDS_DIR)): Promise<string[]> {
  const set = checkDashboardSet(await readDashboardFolder(dir), PROMETHEUS_DATASOURCE_UID).map(formatFinding);
  const lint = lintFiles([dir]);
  return [
    ...set,
    ...lint.failures,
    ...[...lint.exclusionProblems, ...lint.reports.flatMap((r) => r.findings)].map((f) => `${f.dashboard} / ${f.panel}: [${f.rule}] ${f.message}`),
  ];
}

/** Every panel query against the running Prometheus, waiting for rates to fill, then one timed load per dashboard. */
export async function gatherDashboardData(ctx: Pick<VerifyContext, 'info' | 'log'>): Promise<DashboardData[]> {
  const prom = prometheusClient(ctx.info);
  const interval = ONYX_STACK.scrapeIntervalSeconds;
  await waitFor(
    'every panel query of the five dashboards to return a series with values',
    async () => (dataProblems(await loadAllDashboards(prom, interval), Infinity).length === 0 ? true : undefined),
    { timeoutMs: DATA_WAIT_MS, intervalMs: 5_000, onProgress: ctx.log },
  ).catch(() => undefined);
  return loadAllDashboards(prom, interval);
}

export async function runAc912(ctx: VerifyContext): Promise<AcResult> {
  const problems = await staticDashboardProblems();
  const data = await gatherDashboardData(ctx);
  problems.push(...dataProblems(data, DASHBOARD_LOAD_LIMIT_MS));
  const timings = await timeDashboardLoads(prometheusClient(ctx.info), DASHBOARD_SPECS, ONYX_STACK.scrapeIntervalSeconds);
  problems.push(...slowLoadProblems(timings, DASHBOARD_LOAD_LIMIT_MS));
  for (const t of timings) {
    const d = data.find((x) => x.dashboard === t.dashboard)!;
    ctx.report.add(
      metricLine('dashboard_load.wall_ms', { dashboard: t.dashboard }, Number(t.medianMs.toFixed(1)),
        `median of ${t.loadsMs.length} loads (slowest ${t.slowestMs.toFixed(1)} ms), each its ${d.panels.length} range queries at once ` +
          `(default range ${d.window.rangeS} s, step ${d.window.stepS} s) to Prometheus from the host; the dashboards in turn, 0.5 s apart`),
    );
  }
  let runtime = '';
  if ('url' in ctx.info.grafana) problems.push(...grafanaProblems(await gatherGrafanaEvidence(ctx.info)).dashboards);
  else runtime = `Grafana runtime NOT VERIFIED: ${ctx.info.grafana.notRunning}`;
  const counts = data.map(panelCounts);
  const panels = counts.reduce((s, c) => s + c.panels, 0);
  const withData = counts.reduce((s, c) => s + c.withData, 0);
  const slowest = Math.max(...timings.map((t) => t.slowestMs));
  return {
    ac: '9.1.2',
    title: AC_912_TITLE,
    result: problems.length > 0 ? 'FAIL' : runtime ? 'NOT VERIFIED' : 'PASS',
    figure: `${data.length} dashboards, ${withData}/${panels} panels with data, slowest load ${Math.round(slowest)} ms${runtime ? '; Grafana not running' : ''}`,
    method:
      'static: the provisioned JSON (titles, uids, refresh 10s, datasource uid) and the dashboard linter; data: every panel query as a range ' +
      'query over its dashboard default range against the running Prometheus, all queries of a dashboard at once; load time: ' +
      `${LOAD_ROUNDS} loads of each dashboard in turn, the median reported, every load held to ${DASHBOARD_LOAD_LIMIT_MS} ms` +
      (runtime ? `; ${runtime}` : '; runtime: Grafana API (search, dashboards, datasource health, /api/ds/query per panel query)'),
    details: [
      ...problems,
      ...(runtime ? [runtime] : []),
      ...data.map(summarize),
      ...timings.map((t) => `${t.dashboard}: loads ${t.loadsMs.map((ms) => ms.toFixed(1)).join(', ')} ms (median ${t.medianMs.toFixed(1)})`),
    ],
  };
}
