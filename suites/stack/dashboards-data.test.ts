import { beforeAll, expect, it } from 'vitest';
import { DASHBOARD_SPECS } from '../../stack/dashboards/index.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../stack/paths.ts';
import { dataProblems, loadAllDashboards, loadDashboard, queriedDashboardOf, summarize, type DashboardData } from '../checks/dashboards/data.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

/** The story: a dashboard loads in < 2 s. Measured here in tens of milliseconds, so no flake. */
const LOAD_LIMIT_MS = 2_000;
const log = (line: string) => process.stderr.write(`[dashboards] ${line}\n`);

describeOnStack('dashboards: every panel query returns data from the running Prometheus (no Grafana needed)', (stack) => {
  let data: DashboardData[] = [];

  beforeAll(async () => {
    const prom = prometheusClient(stack);
    // Rates need two scrapes inside their window: right after start some panels are empty.
    await waitFor(
      'every panel query of the five dashboards to return a series with values',
      async () => {
        data = await loadAllDashboards(prom, ONYX_STACK.scrapeIntervalSeconds);
        return dataProblems(data, Number.POSITIVE_INFINITY).length === 0 ? data : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 5_000, onProgress: log, describe: () => `${dataProblems(data, Infinity).length} problems left` },
    ).catch(() => undefined);
    // One more load once data is there: the timed one.
    data = await loadAllDashboards(prom, ONYX_STACK.scrapeIntervalSeconds);
    for (const d of data) log(summarize(d));
  }, 200_000);

  it('every metric a panel names exists in Prometheus', () => {
    expect(data.flatMap((d) => d.missingMetrics.map((m) => `${d.dashboard} / ${m.panel}: ${m.metric}`))).toEqual([]);
  });

  it.each(DASHBOARD_SPECS.map((d) => d.title))('%s: every panel query, over the default range, returns a series with values', (title) => {
    const d = data.find((x) => x.dashboard === title)!;
    expect(d.panels.length).toBeGreaterThan(0);
    expect(dataProblems([d], Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it.each(DASHBOARD_SPECS.map((d) => d.title))(`%s: all its queries at once answer in < ${LOAD_LIMIT_MS} ms`, (title) => {
    const d = data.find((x) => x.dashboard === title)!;
    expect(d.loadMs).toBeLessThan(LOAD_LIMIT_MS);
  });

  it('a broken dashboard (fixtures/dashboards/single/metric-does-not-exist.json) fails the data check, naming dashboard, panel and metric', async () => {
    const json = JSON.parse(await readFile(resolve(REPO_ROOT, 'fixtures/dashboards/single/metric-does-not-exist.json'), 'utf8'));
    const prom = prometheusClient(stack);
    const broken = await loadDashboard(prom, queriedDashboardOf(json), ONYX_STACK.scrapeIntervalSeconds, new Set(await prom.metricNames()));
    expect(dataProblems([broken], LOAD_LIMIT_MS)).toEqual([
      'Application Performance / Request rate per service: metric onyx_http_requests_that_do_not_exist_total does not exist in Prometheus',
      expect.stringMatching(/^Application Performance \/ Request rate per service: no series with values/),
    ]);
  });
});
