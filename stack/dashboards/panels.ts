import {
  DashboardBuilder,
  MappingType,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

// The few shapes every ONYX dashboard is made of: time series and stat panels on the provisioned
// Prometheus datasource, query variables with an "All" that matches everything, and a grid that
// lays panels out in order. Each dashboard file only says what it shows.

/** The uid the Grafana provisioning gives the stack's Prometheus (stack/render/grafana-provisioning.ts). */
export const PROMETHEUS_DATASOURCE_UID = 'onyx-prometheus';
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: PROMETHEUS_DATASOURCE_UID };

/** The story's refresh interval (AC 9.1.2). */
export const DASHBOARD_REFRESH = '10s';

export interface Query {
  expr: string;
  legend: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  /** A Grafana unit id: s, reqps, percentunit, bytes, currencyUSD... */
  unit: string;
  queries: Query[];
  /** Grid width of 24 columns; default 12. */
  width?: number;
  kind?: 'timeseries' | 'stat';
  mappings?: ValueMapping[];
  min?: number;
  max?: number;
  /** Rules of the dashboard linter switched off for this panel, each with the reason. */
  lintExclusions?: { rule: string; reason: string }[];
}

export interface VariableSpec {
  name: string;
  label: string;
  /** A Grafana Prometheus variable query, e.g. `label_values(up, job)`. */
  query: string;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  /** Default time range, as Grafana writes it: `now-1h`. */
  from: string;
  variables: VariableSpec[];
  panels: PanelSpec[];
}

const PANEL_HEIGHT = 8;

/** `job` and `instance` variables over the targets that expose `metric`; instance follows job. */
export function jobAndInstance(metric: string): VariableSpec[] {
  return [
    { name: 'job', label: 'Job', query: `label_values(${metric}, job)` },
    { name: 'instance', label: 'Instance', query: `label_values(${metric}{job=~"$job"}, instance)` },
  ];
}

/** A value mapping that shows 1 as `up` (green) and 0 as `down` (red). */
export const UP_DOWN: ValueMapping[] = [
  {
    type: MappingType.ValueToText,
    options: { '0': { text: 'DOWN', color: 'red', index: 0 }, '1': { text: 'UP', color: 'green', index: 1 } },
  },
];

function variable(spec: VariableSpec): QueryVariableBuilder {
  return new QueryVariableBuilder(spec.name)
    .label(spec.label)
    .datasource(PROMETHEUS_DATASOURCE)
    .query({ query: spec.query, refId: `${spec.name}-values`, qryType: 1 })
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    // "All" as one regex instead of a list of every value: short queries, and new values count at once.
    .allValue('.*')
    .current({ text: 'All', value: '$__all', selected: true });
}

function targets(queries: Query[]): DataqueryBuilder[] {
  return queries.map((q, i) =>
    new DataqueryBuilder()
      .datasource(PROMETHEUS_DATASOURCE)
      .expr(q.expr)
      .legendFormat(q.legend)
      .range()
      .refId(String.fromCharCode(65 + i)),
  );
}

function panel(spec: PanelSpec, id: number, gridPos: { x: number; y: number; w: number; h: number }) {
  const builder = spec.kind === 'stat' ? new StatPanelBuilder() : new TimeseriesPanelBuilder();
  builder
    .id(id)
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(spec.unit)
    .targets(targets(spec.queries))
    .gridPos(gridPos);
  if (spec.mappings) builder.mappings(spec.mappings);
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  return builder;
}

/** The dashboard JSON (schemaVersion 41) of a spec, panels laid out left to right, top to bottom. */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['onyx', ...spec.tags])
    .refresh(DASHBOARD_REFRESH)
    .time({ from: spec.from, to: 'now' })
    .timezone('browser')
    .readonly();
  for (const v of spec.variables) builder.withVariable(variable(v));
  let x = 0;
  let y = 0;
  for (const [index, p] of spec.panels.entries()) {
    const w = p.width ?? 12;
    if (x + w > 24) {
      x = 0;
      y += PANEL_HEIGHT;
    }
    builder.withPanel(panel(p, index + 1, { x, y, w, h: PANEL_HEIGHT }));
    x += w;
  }
  return builder.build();
}
