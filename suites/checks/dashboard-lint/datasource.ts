// Which query language a target speaks: resolved from the target's datasource, else its panel's,
// through datasource template variables and an export's __inputs.
import { variablesIn } from '../promql/grafana-variables.ts';
import type { Dashboard, DatasourceRef, Panel, Target } from './dashboard-model.ts';

/** Grafana's pseudo-datasources that carry no plugin type of their own. */
const PSEUDO_TYPES = new Map([
  ['-- Mixed --', 'mixed'],
  ['-- Grafana --', 'grafana'],
  ['-- Dashboard --', 'dashboard'],
  ['grafana', 'grafana'],
]);

/** The variable a datasource reference names (`$ds`, `${DS_PROMETHEUS}`), if it is one. */
function datasourceVariable(ref: DatasourceRef | undefined): string | undefined {
  const reference = ref?.ref;
  if (reference === undefined) return undefined;
  const [name] = variablesIn(reference);
  return name;
}

/** The plugin type a datasource reference resolves to, or undefined when nothing in the file says. */
export function datasourceType(ref: DatasourceRef | undefined, dashboard: Dashboard): string | undefined {
  if (ref === undefined) return undefined;
  const pseudo = ref.ref === undefined ? undefined : PSEUDO_TYPES.get(ref.ref);
  if (pseudo !== undefined) return pseudo;
  if (ref.type !== undefined && ref.type !== 'datasource') return ref.type;
  const variable = datasourceVariable(ref);
  if (variable === undefined) return ref.type;
  return (
    dashboard.variables.find((candidate) => candidate.name === variable)?.datasourceType ??
    dashboard.inputs.get(variable)
  );
}

/** The plugin type a target queries, or undefined when nothing in the file says. */
export function targetDatasourceType(target: Target, panel: Panel, dashboard: Dashboard): string | undefined {
  const own = datasourceType(target.datasource, dashboard);
  return own !== undefined && own !== 'mixed' ? own : datasourceType(panel.datasource, dashboard);
}

/** A datasource variable the file does not define (neither a template variable nor an input). */
export function undefinedDatasourceVariable(ref: DatasourceRef | undefined, dashboard: Dashboard): string | undefined {
  const variable = datasourceVariable(ref);
  if (variable === undefined) return undefined;
  const defined = dashboard.variables.some((candidate) => candidate.name === variable) || dashboard.inputs.has(variable);
  return defined ? undefined : variable;
}
