import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseData } from '../../../stack/data-file.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { queriedDashboardOf, type DashboardData, type QueriedDashboard } from './data.ts';

// LiteLLM's own published dashboard (dashboard_v2, fixtures/litellm-dashboard/) against the running
// stack: every panel query the real proxy can answer must return data; the ones it cannot are listed
// with the reason, and must stay empty, so the list cannot go stale.

export const LITELLM_DASHBOARD_DIR = resolve(REPO_ROOT, 'fixtures/litellm-dashboard');

const unanswerableSchema = z.object({
  about: z.string(),
  queries: z.array(z.object({ panel: z.string(), expr: z.string(), reason: z.string().min(10) }).strict()),
}).strict();
export type Unanswerable = z.infer<typeof unanswerableSchema>['queries'][number];

export async function loadLiteLlmDashboard(dir = LITELLM_DASHBOARD_DIR): Promise<{ dashboard: QueriedDashboard; unanswerable: Unanswerable[] }> {
  const read = async (file: string) => JSON.parse(await readFile(resolve(dir, file), 'utf8')) as unknown;
  const dashboard = queriedDashboardOf(await read('grafana_dashboard.json'));
  const unanswerable = parseData(unanswerableSchema, await read('unanswerable.json'), `${dir}/unanswerable.json`, Error);
  return { dashboard, unanswerable: unanswerable.queries };
}

export interface QueryVerdict {
  panel: string;
  expr: string;
  withData: boolean;
  /** Why the real proxy cannot answer it, when listed. */
  reason?: string;
}

const listed = (unanswerable: readonly Unanswerable[], panel: string, expr: string) =>
  unanswerable.find((u) => u.panel === panel && u.expr === expr);

export function verdicts(data: DashboardData, unanswerable: readonly Unanswerable[]): QueryVerdict[] {
  return data.panels.map((p) => ({ panel: p.panel, expr: p.expr, withData: p.seriesWithValues > 0, reason: listed(unanswerable, p.panel, p.expr)?.reason }));
}

/** What is wrong, one line each: an answerable query without data, a listed one with data, a stale entry. */
export function liteLlmDashboardProblems(data: DashboardData, unanswerable: readonly Unanswerable[]): string[] {
  const problems: string[] = [];
  for (const p of data.panels) {
    const entry = listed(unanswerable, p.panel, p.expr);
    if (p.error) problems.push(`${p.panel}: query failed: ${p.error} (${p.sent})`);
    else if (!entry && p.seriesWithValues === 0) problems.push(`${p.panel}: no series with values over the last ${data.window.rangeS} s (${p.sent})`);
    else if (entry && p.seriesWithValues > 0) problems.push(`${p.panel}: listed as unanswerable (${entry.reason}) but returns data: take it off unanswerable.json`);
  }
  for (const u of unanswerable) {
    if (!data.panels.some((p) => p.panel === u.panel && p.expr === u.expr)) problems.push(`unanswerable.json lists "${u.expr}" of panel ${u.panel}, which the dashboard does not have`);
  }
  return problems;
}

/** One row per query: panel, data or not, and why not. */
export function verdictTable(rows: readonly QueryVerdict[]): string[] {
  const width = Math.max(5, ...rows.map((r) => r.panel.length));
  const line = (panel: string, data: string, why: string) => `${panel.padEnd(width)} | ${data.padEnd(7)} | ${why}`;
  return [
    line('panel', 'data', 'query, or why the real proxy cannot answer it'),
    ...rows.map((r) => line(r.panel, r.withData ? 'yes' : 'no', r.reason ?? r.expr.trim())),
  ];
}
