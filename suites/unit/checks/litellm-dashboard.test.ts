import { describe, expect, it } from 'vitest';
import type { DashboardData, PanelData } from '../../checks/dashboards/data.ts';
import { liteLlmDashboardProblems, loadLiteLlmDashboard, verdicts, verdictTable } from '../../checks/dashboards/litellm-dashboard.ts';

const panel = (name: string, expr: string, seriesWithValues: number): PanelData => ({ panel: name, expr, sent: expr, series: seriesWithValues, seriesWithValues });
const dashboard = (panels: PanelData[]): DashboardData => ({ dashboard: 'LiteLLM Prod v2', window: { rangeS: 21_600, stepS: 22, rateIntervalS: 60 }, panels, loadMs: 5, missingMetrics: [] });
const OLD_NAME = { panel: 'remaining', expr: 'topk(5, sort(litellm_remaining_requests))', reason: 'an old name the proxy no longer exposes' };

describe("LiteLLM's dashboard_v2 fixture", () => {
  it('loads: its 8 panel queries and the unanswerable list, each with a reason', async () => {
    const { dashboard: d, unanswerable } = await loadLiteLlmDashboard();
    expect(d.title).toBe('LiteLLM Prod v2');
    expect(d.panels.flatMap((p) => p.queries)).toHaveLength(8);
    const exprs = new Set(d.panels.flatMap((p) => p.queries.map((q) => q.expr)));
    for (const u of unanswerable) expect(exprs, u.expr).toContain(u.expr);
  });

  it('passes when answerable queries have data and listed ones have none', () => {
    const data = dashboard([panel('rps', 'sum(rate(x_total[2m]))', 1), panel('remaining', OLD_NAME.expr, 0)]);
    expect(liteLlmDashboardProblems(data, [OLD_NAME])).toEqual([]);
    expect(verdicts(data, [OLD_NAME])).toEqual([
      { panel: 'rps', expr: 'sum(rate(x_total[2m]))', withData: true, reason: undefined },
      { panel: 'remaining', expr: OLD_NAME.expr, withData: false, reason: OLD_NAME.reason },
    ]);
    expect(verdictTable(verdicts(data, [OLD_NAME]))[2]).toMatch(/^remaining +\| no +\| an old name/);
  });

  it('names an answerable query without data, a listed query with data, and a stale entry', () => {
    const data = dashboard([panel('rps', 'sum(rate(x_total[2m]))', 0), panel('remaining', OLD_NAME.expr, 2)]);
    const stale = { panel: 'gone', expr: 'up', reason: 'a panel removed since' };
    expect(liteLlmDashboardProblems(data, [OLD_NAME, stale])).toEqual([
      'rps: no series with values over the last 21600 s (sum(rate(x_total[2m])))',
      'remaining: listed as unanswerable (an old name the proxy no longer exposes) but returns data: take it off unanswerable.json',
      'unanswerable.json lists "up" of panel gone, which the dashboard does not have',
    ]);
  });
});
