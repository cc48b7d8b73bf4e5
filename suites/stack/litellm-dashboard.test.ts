import { beforeAll, expect, it } from 'vitest';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { LiteLlmClient } from '../../stack/workload/stub-client.ts';
import { loadDashboard, type DashboardData } from '../checks/dashboards/data.ts';
import { liteLlmDashboardProblems, loadLiteLlmDashboard, verdicts, verdictTable, type Unanswerable } from '../checks/dashboards/litellm-dashboard.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

const log = (line: string) => process.stderr.write(`[litellm-dashboard] ${line}\n`);

describeOnStack("LiteLLM's own dashboard (dashboard_v2, fixtures/litellm-dashboard/): every query the real proxy can answer returns data", (stack) => {
  let data: DashboardData | undefined;
  let unanswerable: Unanswerable[] = [];

  beforeAll(async () => {
    const loaded = await loadLiteLlmDashboard();
    unanswerable = loaded.unanswerable;
    // The calls a user of the proxy makes: the background only succeeds, the failure panel needs a failure.
    const api = stack.services.find((s) => s.name === 'litellm')?.urls.http;
    if (!api) throw new Error('litellm publishes no API port in this stack');
    const client = new LiteLlmClient(api, 'sk-dashboard-v2-probe');
    const call = { model: 'gpt-4o-mini', latencyMs: 30, promptTokens: 40, completionTokens: 8 };
    const statuses = [
      await client.completion({ ...call, success: true }),
      await client.completion({ ...call, success: true, stream: true }),
      await client.completion({ ...call, success: false }),
    ];
    expect(statuses).toEqual([200, 200, 429]);
    const prom = prometheusClient(stack);
    // Rates need two stored scrapes inside their 2 m window.
    await waitFor(
      'every answerable query of dashboard_v2 to return a series with values',
      async () => {
        data = await loadDashboard(prom, loaded.dashboard, ONYX_STACK.scrapeIntervalSeconds, new Set(await prom.metricNames()));
        return liteLlmDashboardProblems(data, unanswerable).length === 0 ? data : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 5_000, onProgress: log, describe: () => (data ? `${liteLlmDashboardProblems(data, unanswerable).length} problems left` : 'no load yet') },
    ).catch(() => undefined);
    if (data) for (const line of verdictTable(verdicts(data, unanswerable))) log(line);
  }, 180_000);

  it('every query the real proxy can answer returns a series with values; the unanswerable ones (listed with why) return none', () => {
    expect(data, 'the dashboard was never loaded').toBeDefined();
    expect(liteLlmDashboardProblems(data!, unanswerable)).toEqual([]);
  });

  it('most of its queries are answerable: the unanswerable list is the exception, each with its reason', () => {
    const rows = verdicts(data!, unanswerable);
    expect(rows.filter((r) => r.withData).length).toBeGreaterThan(rows.length / 2);
    expect(rows.filter((r) => !r.withData).map((r) => r.reason)).not.toContain(undefined);
  });
});
