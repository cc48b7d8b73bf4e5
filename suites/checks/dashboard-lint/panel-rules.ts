// The rules applied to one panel and its targets. PromQL rules run only on targets whose
// datasource is Prometheus (or unknown with an `expr`, said in a note); others are skipped with a
// note, as are library panels, whose queries live outside the file.
import { analyzePromql, type PromqlAnalysis } from '../promql/analyze.ts';
import type { Dashboard, Panel, Target } from './dashboard-model.ts';
import { targetDatasourceType, undefinedDatasourceVariable } from './datasource.ts';
import { panelName, type Finding, type RuleId } from './findings.ts';

/** Panels that show no query result: no datasource, target or unit expected. */
const NON_QUERY_TYPES = new Set(['text', 'dashlist', 'alertlist', 'annolist', 'news', 'welcome', 'gettingstarted']);
const UNIT_TYPES = new Set([
  'timeseries', 'graph', 'stat', 'singlestat', 'gauge', 'bargauge', 'table', 'heatmap',
  'barchart', 'histogram', 'piechart', 'trend', 'xychart',
]);
const COUNTER_SUFFIXES = ['_total', '_count', '_sum', '_bucket'];
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
/** Read only whether series exist, never their values: counting CPUs with count(x_total) is fine. */
const VALUE_BLIND = new Set(['count', 'group', 'absent', 'count_over_time', 'present_over_time', 'absent_over_time']);
const RATE_FUNCTIONS = new Set(['rate', 'irate']);
const FILTER_RULES: ReadonlyMap<string, RuleId> = new Map([
  ['job', 'template-job-rule'],
  ['instance', 'template-instance-rule'],
]);

export interface PanelResult {
  readonly findings: Finding[];
  readonly notes: string[];
  /** PromQL expressions analysed, and how many of them did not parse. */
  readonly expressions: number;
  readonly unparsed: number;
}

class PanelLint implements PanelResult {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  expressions = 0;
  unparsed = 0;
  private readonly name: string;

  constructor(
    private readonly panel: Panel,
    private readonly dashboard: Dashboard,
    /** Variables some query uses to filter on job or instance: those count as job/instance variables. */
    private readonly filterVariables: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.name = panelName(panel);
  }

  private find(rule: RuleId, message: string): void {
    this.findings.push({ rule, dashboard: this.dashboard.title, panel: this.name, row: this.panel.row, message });
  }

  private isDefined(variable: string): boolean {
    return variable.startsWith('__') || this.dashboard.variables.some((candidate) => candidate.name === variable);
  }

  run(): PanelResult {
    const { panel } = this;
    if (panel.libraryPanel !== undefined && panel.targets.length === 0) {
      this.notes.push(`${this.name}: its title, unit and queries live in Grafana's panel library, not in this file; not linted`);
      return this;
    }
    if (panel.title.trim() === '') this.find('panel-title-rule', 'the panel has no title');
    if (NON_QUERY_TYPES.has(panel.type)) return this;
    if (UNIT_TYPES.has(panel.type) && panel.units.length === 0) {
      this.find('panel-units-rule', `no unit is set (fieldConfig.defaults.unit) on this ${panel.type} panel`);
    }
    this.checkDatasource();
    const queries = panel.targets.filter((target) => target.expr !== undefined || target.datasource !== undefined);
    if (queries.length === 0) this.find('panel-no-targets-rule', 'the panel has no queries');
    for (const target of panel.targets) this.lintTarget(target);
    return this;
  }

  private checkDatasource(): void {
    const { panel, dashboard } = this;
    const refs = [panel.datasource, ...panel.targets.map((target) => target.datasource)];
    if (refs.every((ref) => ref === undefined)) {
      this.find('panel-datasource-rule', 'no datasource is set on the panel or its queries (Grafana would use its default)');
    }
    const missing = new Set(refs.map((ref) => undefinedDatasourceVariable(ref, dashboard)));
    for (const variable of missing) {
      if (variable === undefined) continue;
      this.find('panel-datasource-rule', `the datasource names $${variable}, which is neither a template variable nor an __inputs entry`);
    }
  }

  private lintTarget(target: Target): void {
    const type = targetDatasourceType(target, this.panel, this.dashboard);
    if (type !== undefined && type !== 'prometheus') {
      this.notes.push(`${this.name}: query ${target.refId} uses a ${type} datasource: PromQL rules skipped`);
      return;
    }
    if (target.expr === undefined) return;
    if (type === undefined) {
      this.notes.push(`${this.name}: query ${target.refId}: datasource type not stated in the file; its expr is read as PromQL`);
    }
    const label = `query ${target.refId}`;
    if (target.expr.trim() === '') {
      this.find('target-promql-rule', `${label} is empty`);
      return;
    }
    const analysis = analyzePromql(target.expr);
    this.expressions += 1;
    const [error] = analysis.errors;
    if (error !== undefined) {
      this.unparsed += 1;
      this.find('target-promql-rule', `${label} does not parse: ${error.message} at line ${error.line}, column ${error.column}: ${oneLine(target.expr)}`);
      return;
    }
    this.checkCounters(label, analysis);
    this.checkRateWindows(label, analysis);
    this.checkVariables(label, analysis);
  }

  private checkCounters(label: string, analysis: PromqlAnalysis): void {
    for (const metric of analysis.metrics) {
      const counter = !metric.regex && COUNTER_SUFFIXES.some((suffix) => metric.name.endsWith(suffix));
      const consumer = metric.consumer ?? '';
      if (!counter || VALUE_BLIND.has(consumer) || (metric.ranged && COUNTER_FUNCTIONS.has(consumer))) continue;
      const how = metric.consumer === undefined ? 'raw' : `through ${metric.consumer}()`;
      this.find('target-counter-agg-rule', `${label} reads the counter ${metric.name} ${how}, not through rate(), irate() or increase()`);
    }
  }

  private checkRateWindows(label: string, analysis: PromqlAnalysis): void {
    for (const range of analysis.rangeSelectors) {
      if (!RATE_FUNCTIONS.has(range.consumer ?? '') || range.usesRateInterval) continue;
      this.find('target-rate-interval-rule', `${label} uses ${range.consumer}(...[${range.window}]); use [$__rate_interval]`);
    }
  }

  private checkVariables(label: string, analysis: PromqlAnalysis): void {
    const filtering = new Set<string>();
    for (const matcher of analysis.matchers) {
      const rule = FILTER_RULES.get(matcher.label);
      if (rule === undefined) continue;
      matcher.variables.forEach((variable) => filtering.add(variable));
      const undefinedVariables = matcher.variables.filter((variable) => !this.isDefined(variable));
      for (const variable of undefinedVariables) {
        this.find(rule, `${label} filters ${matcher.label}${matcher.op}"${matcher.value}" but the dashboard defines no variable ${variable}`);
      }
      const known = this.filterVariables.get(matcher.label) ?? new Set();
      if (matcher.variables.length === 0 && ![...known].some((variable) => this.isDefined(variable))) {
        this.find(rule, `${label} filters ${matcher.label}${matcher.op}"${matcher.value}" but the dashboard has no ${matcher.label} variable to choose it`);
      }
    }
    for (const variable of analysis.variables) {
      if (filtering.has(variable) || this.isDefined(variable)) continue;
      this.find('target-undefined-variable-rule', `${label} uses $${variable}, which the dashboard does not define`);
    }
  }
}

function oneLine(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** Variables used to filter on each of job and instance, anywhere in the dashboard, plus the conventional names. */
export function filterVariablesOf(dashboard: Dashboard): Map<string, Set<string>> {
  const result = new Map([...FILTER_RULES.keys()].map((label) => [label, new Set([label])]));
  for (const target of dashboard.panels.flatMap((panel) => panel.targets)) {
    if (target.expr === undefined) continue;
    for (const matcher of analyzePromql(target.expr).matchers) {
      matcher.variables.forEach((variable) => result.get(matcher.label)?.add(variable));
    }
  }
  return result;
}

export function lintPanel(
  panel: Panel,
  dashboard: Dashboard,
  filterVariables: ReadonlyMap<string, ReadonlySet<string>>,
): PanelResult {
  return new PanelLint(panel, dashboard, filterVariables).run();
}
