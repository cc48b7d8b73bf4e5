// template-label-promql-rule: the PromQL inside a Prometheus query variable parses, so the
// variable is never silently empty. Grafana's variable functions are its own small syntax
// around PromQL: label_values([selector,] label), label_names([selector]), query_result(expr),
// metrics(regex); any other text is run as a query.
import { analyzePromql } from '../promql/analyze.ts';
import type { Dashboard, Variable } from './dashboard-model.ts';
import { datasourceType } from './datasource.ts';
import type { Finding } from './findings.ts';

const VARIABLE_FUNCTION = /^\s*(label_values|label_names|query_result|metrics)\s*\(([\s\S]*)\)\s*$/;

export interface VariablesResult {
  findings: Finding[];
  notes: string[];
  expressions: number;
  unparsed: number;
}

/** Index of the last comma outside quotes and brackets, or -1. */
function lastTopLevelComma(args: string): number {
  let depth = 0;
  let quote: string | undefined;
  let last = -1;
  for (let index = 0; index < args.length; index += 1) {
    const char = args[index];
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(' || char === '{' || char === '[') depth += 1;
    else if (char === ')' || char === '}' || char === ']') depth -= 1;
    else if (char === ',' && depth === 0) last = index;
  }
  return last;
}

/** The PromQL a variable query runs, if any. */
function promqlOf(query: string): string | undefined {
  const match = VARIABLE_FUNCTION.exec(query);
  if (match === null) return query.trim();
  const [, fn = '', args = ''] = match;
  if (fn === 'metrics') return undefined;
  if (fn === 'query_result') return args;
  const selector = fn === 'label_values' ? args.slice(0, Math.max(lastTopLevelComma(args), 0)) : args;
  return selector.trim() === '' ? undefined : selector.trim();
}

function lintVariable(variable: Variable, dashboard: Dashboard, result: VariablesResult): void {
  if (variable.query === undefined || variable.query.trim() === '') return;
  const type = datasourceType(variable.datasource, dashboard);
  if (type !== undefined && type !== 'prometheus') {
    result.notes.push(`variable ${variable.name} uses a ${type} datasource: PromQL rules skipped`);
    return;
  }
  const promql = promqlOf(variable.query);
  if (promql === undefined) return;
  result.expressions += 1;
  const [error] = analyzePromql(promql).errors;
  if (error === undefined) return;
  result.unparsed += 1;
  result.findings.push({
    rule: 'template-label-promql-rule',
    dashboard: dashboard.title,
    panel: `(variable ${variable.name})`,
    message: `the query ${JSON.stringify(variable.query)} does not parse: ${error.message} at column ${error.column} of ${JSON.stringify(promql)}`,
  });
}

export function lintVariables(dashboard: Dashboard): VariablesResult {
  const result: VariablesResult = { findings: [], notes: [], expressions: 0, unparsed: 0 };
  for (const variable of dashboard.variables) lintVariable(variable, dashboard, result);
  return result;
}
