// Lints one dashboard (already parsed JSON) against the rules in findings.ts.
import { readDashboard } from './dashboard-model.ts';
import { exclusionFor, NO_EXCLUSIONS, type Exclusion, type Exclusions } from './exclusions.ts';
import type { Finding } from './findings.ts';
import { filterVariablesOf, lintPanel } from './panel-rules.ts';
import { lintVariables } from './variable-rules.ts';

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: Exclusion['reason'];
}

export interface DashboardReport {
  readonly file: string;
  readonly dashboard: string;
  readonly schemaVersion: number | undefined;
  readonly panels: number;
  /** PromQL expressions analysed in panel queries, in query variables, and how many of all did not parse. */
  readonly expressions: number;
  readonly variableExpressions: number;
  readonly unparsed: number;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notes: readonly string[];
}

/** Throws NotADashboard when `json` is not a dashboard. */
export function lintDashboard(json: unknown, file: string, exclusions: Exclusions = NO_EXCLUSIONS): DashboardReport {
  const dashboard = readDashboard(json);
  const filterVariables = filterVariablesOf(dashboard);
  const variables = lintVariables(dashboard);
  const panels = dashboard.panels.map((panel) => lintPanel(panel, dashboard, filterVariables));
  const results = [variables, ...panels];
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of results.flatMap((result) => result.findings)) {
    const exclusion = exclusionFor(finding, exclusions);
    if (exclusion === undefined) findings.push(finding);
    else suppressed.push({ finding, reason: exclusion.reason });
  }
  return {
    file,
    dashboard: dashboard.title,
    schemaVersion: dashboard.schemaVersion,
    panels: dashboard.panels.length,
    expressions: panels.reduce((sum, result) => sum + result.expressions, 0),
    variableExpressions: variables.expressions,
    unparsed: results.reduce((sum, result) => sum + result.unparsed, 0),
    findings,
    suppressed,
    notes: results.flatMap((result) => result.notes),
  };
}
