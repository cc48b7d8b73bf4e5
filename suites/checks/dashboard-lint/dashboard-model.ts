// A tolerant reading of any Grafana dashboard JSON a user may hand us: exports with __inputs, the
// API's {dashboard, meta} wrapper, rows whose collapsed panels nest in row.panels, pre-v16
// `rows[]`, library panels, any schemaVersion. Anything not a dashboard is a NotADashboard error
// with one line saying why; everything else is read field by field, never trusted to be shaped.

export class NotADashboard extends Error {}

export interface DatasourceRef {
  /** The plugin type when known (`prometheus`, `loki`, `grafana`...). */
  readonly type: string | undefined;
  /** uid or name as written, possibly a variable (`${DS_PROMETHEUS}`, `$datasource`). */
  readonly ref: string | undefined;
}

export interface Target {
  readonly refId: string;
  readonly expr: string | undefined;
  readonly datasource: DatasourceRef | undefined;
}

export interface Panel {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  /** Title of the row the panel sits in, if any. */
  readonly row: string | undefined;
  readonly datasource: DatasourceRef | undefined;
  readonly targets: readonly Target[];
  readonly units: readonly string[];
  readonly libraryPanel: string | undefined;
}

export interface Variable {
  readonly name: string;
  readonly type: string;
  /** For datasource variables: the plugin type they choose from. */
  readonly datasourceType: string | undefined;
  /** For query variables: the query text (`label_values(up, job)`) and its datasource. */
  readonly query: string | undefined;
  readonly datasource: DatasourceRef | undefined;
}

export interface Dashboard {
  readonly title: string;
  readonly schemaVersion: number | undefined;
  readonly variables: readonly Variable[];
  /** __inputs of an export: name -> plugin id (DS_PROMETHEUS -> prometheus). */
  readonly inputs: ReadonlyMap<string, string>;
  readonly panels: readonly Panel[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function readDatasource(value: unknown): DatasourceRef | undefined {
  if (typeof value === 'string' && value !== '') return { type: undefined, ref: value };
  if (!isObject(value)) return undefined;
  const ref = text(value.uid) ?? text(value.name);
  const type = text(value.type);
  return ref === undefined && type === undefined ? undefined : { type, ref };
}

function readUnits(panel: Json): string[] {
  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  const defaults = isObject(fieldConfig.defaults) ? fieldConfig.defaults : {};
  const overrideUnits = objects(fieldConfig.overrides)
    .flatMap((override) => objects(override.properties))
    .filter((property) => property.id === 'unit')
    .map((property) => text(property.value));
  // Where older and special panels keep it: graph yaxes[].format, singlestat format, heatmap options.yAxis.unit.
  const axisUnits = objects(panel.yaxes).map((axis) => text(axis.format));
  const options = isObject(panel.options) ? panel.options : {};
  const heatmapUnit = isObject(options.yAxis) ? text(options.yAxis.unit) : undefined;
  return [text(defaults.unit), ...overrideUnits, ...axisUnits, text(panel.format), heatmapUnit].filter(
    (unit): unit is string => unit !== undefined && unit.trim() !== '',
  );
}

function readPanel(panel: Json, row: string | undefined): Panel {
  const library = isObject(panel.libraryPanel) ? panel.libraryPanel : undefined;
  return {
    id: text(panel.id) ?? '?',
    type: text(panel.type) ?? (library === undefined ? 'unknown' : 'library-panel'),
    title: text(panel.title) ?? '',
    row,
    datasource: readDatasource(panel.datasource),
    targets: objects(panel.targets).map((target, index) => ({
      refId: text(target.refId) ?? String.fromCharCode(65 + (index % 26)),
      expr: text(target.expr),
      datasource: readDatasource(target.datasource),
    })),
    units: readUnits(panel),
    libraryPanel: library === undefined ? undefined : (text(library.name) ?? text(library.uid) ?? 'unnamed'),
  };
}

function readPanels(panels: Json[], row: string | undefined): Panel[] {
  const result: Panel[] = [];
  let currentRow = row;
  for (const panel of panels) {
    if (panel.type === 'row') {
      currentRow = text(panel.title) ?? '';
      result.push(...readPanels(objects(panel.panels), currentRow));
    } else {
      result.push(readPanel(panel, currentRow));
    }
  }
  return result;
}

function readVariables(dashboard: Json): Variable[] {
  const templating = isObject(dashboard.templating) ? dashboard.templating : {};
  return objects(templating.list).flatMap((variable) => {
    const name = text(variable.name);
    if (name === undefined) return [];
    const type = text(variable.type) ?? 'unknown';
    const datasourceType = type === 'datasource' ? text(variable.query) : undefined;
    // Grafana 10+ stores a query variable's query as {query, refId}; older ones as a string.
    const query = type !== 'query' ? undefined : isObject(variable.query) ? text(variable.query.query) : text(variable.query);
    return [{ name, type, datasourceType, query, datasource: readDatasource(variable.datasource) }];
  });
}

/** The dashboard inside `json`, or NotADashboard with the reason. */
export function readDashboard(json: unknown): Dashboard {
  if (!isObject(json)) throw new NotADashboard('not a Grafana dashboard: the JSON is not an object');
  const dashboard = isObject(json.dashboard) ? json.dashboard : json;
  if (dashboard.kind === 'Dashboard' && isObject(dashboard.spec)) {
    throw new NotADashboard('a Grafana v2 (schema v2 resource) dashboard: only the classic JSON model is supported');
  }
  const rows = objects(dashboard.rows);
  if (!Array.isArray(dashboard.panels) && rows.length === 0) {
    throw new NotADashboard('not a Grafana dashboard: it has neither "panels" nor "rows"');
  }
  const inputs = new Map(
    objects(json.__inputs).flatMap((input) => {
      const name = text(input.name);
      return name === undefined ? [] : [[name, text(input.pluginId) ?? 'unknown'] as const];
    }),
  );
  const panels = [
    ...readPanels(objects(dashboard.panels), undefined),
    ...rows.flatMap((row) => readPanels(objects(row.panels), text(row.title) ?? '')),
  ];
  return {
    title: text(dashboard.title) ?? '(untitled dashboard)',
    schemaVersion: typeof dashboard.schemaVersion === 'number' ? dashboard.schemaVersion : undefined,
    variables: readVariables(dashboard),
    inputs,
    panels,
  };
}
