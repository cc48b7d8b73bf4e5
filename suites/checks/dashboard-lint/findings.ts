// The rules, named after Grafana's dashboard-linter where the meaning is the same
// (github.com/grafana/dashboard-linter, docs/rules), and what one finding says.
import type { Panel } from './dashboard-model.ts';

export const RULES = {
  'panel-title-rule': 'every panel has a title',
  'panel-units-rule': 'every panel that shows numbers has a unit',
  'panel-datasource-rule': 'every query panel has a datasource the file can resolve',
  'panel-no-targets-rule': 'every query panel has at least one query',
  'target-promql-rule': 'every PromQL query parses',
  'target-counter-agg-rule': 'counters (_total, _count, _sum, _bucket) are read only through rate, irate or increase',
  'target-rate-interval-rule': 'rate and irate windows are $__rate_interval',
  'template-job-rule': 'a job variable exists where panels filter on job',
  'template-instance-rule': 'an instance variable exists where panels filter on instance',
  'template-label-promql-rule': 'the PromQL of every Prometheus query variable parses',
  'target-undefined-variable-rule': 'every variable a query uses is defined by the dashboard',
  'lint-exclusion-reason-rule': 'every lint exclusion names its panels and gives a reason',
} as const;

export type RuleId = keyof typeof RULES;

export interface Finding {
  readonly rule: RuleId;
  readonly dashboard: string;
  /** The panel's title, else `library panel "NAME"` or `(untitled panel, id N)`; `(variable NAME)` for a variable. */
  readonly panel: string;
  /** The row the panel sits in, if any (collapsed rows nest their panels). */
  readonly row?: string;
  readonly message: string;
}

export function panelName(panel: Panel): string {
  if (panel.title.trim() !== '') return panel.title;
  return panel.libraryPanel === undefined ? `(untitled panel, id ${panel.id})` : `library panel "${panel.libraryPanel}"`;
}
