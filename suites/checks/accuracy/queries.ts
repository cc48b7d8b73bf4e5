import { panelQueries } from '../../../stack/dashboards/index.ts';
import type { QuerySource } from './expectations.ts';

/** The PromQL of a source: a dashboard panel's own query as the dashboard holds it, or the check's own. */
export function sourceExpr(source: QuerySource): string {
  if ('own' in source) return source.own;
  const queries = panelQueries().filter((q) => q.dashboard === source.dashboard && q.panel === source.panel);
  const query = queries[source.index];
  if (!query) throw new Error(`dashboard "${source.dashboard}" has no panel "${source.panel}" with a query #${source.index + 1}`);
  return query.expr;
}

/** Replaces Grafana variables ($name, ${name}) as Grafana would; a variable left without a value is an error. */
export function interpolate(expr: string, values: Record<string, string>): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (_whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the variable $${name} in ${expr}`);
    return value;
  });
}

export function describeSource(source: QuerySource): string {
  return 'own' in source ? `own query (${source.why})` : `${source.dashboard} / ${source.panel}${source.index > 0 ? ` #${source.index + 1}` : ''}`;
}
