import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { lintFiles } from '../../checks/dashboard-lint/lint-files.ts';
import type { DashboardReport } from '../../checks/dashboard-lint/lint.ts';

const FIXTURES = join(REPO_ROOT, 'fixtures/dashboards');

function lintOne(relative: string): DashboardReport {
  const run = lintFiles([join(FIXTURES, relative)]);
  expect(run.failures).toEqual([]);
  expect(run.reports).toHaveLength(1);
  return run.reports[0] as DashboardReport;
}

function rulesAndPanels(report: DashboardReport): string[][] {
  return report.findings.map((finding) => [finding.rule, finding.panel]);
}

describe('each broken dashboard fixture makes exactly the right rule fire on the right panel', () => {
  const cases: [string, string, string, string][] = [
    ['panel-without-unit.json', 'panel-units-rule', 'Error ratio', 'no unit'],
    ['panel-without-title.json', 'panel-title-rule', '(untitled panel, id 2)', 'no title'],
    ['raw-counter.json', 'target-counter-agg-rule', 'Requests served', 'counter http_requests_total through sum()'],
    ['query-does-not-parse.json', 'target-promql-rule', 'p95 latency', 'does not parse: unexpected end of query at line 1, column 113'],
    ['rate-window.json', 'target-rate-interval-rule', 'Chat rate', 'rate(...[5m]); use [$__rate_interval]'],
    ['missing-job-variable.json', 'template-job-rule', 'Core up', 'filters job="onyx-core" but the dashboard has no job variable'],
    ['collapsed-row.json', 'target-counter-agg-rule', 'Tokens used', 'counter litellm_total_tokens_total'],
    ['inputs-export.json', 'panel-datasource-rule', 'Scrape duration', '$DS_OTHER, which is neither a template variable nor an __inputs entry'],
    ['bad-variable-query.json', 'template-label-promql-rule', '(variable instance)', 'does not parse: unexpected ")" at column 15'],
    ['old-schema-rows.json', 'target-rate-interval-rule', 'Old graph', 'rate(...[5m])'],
  ];
  for (const [file, rule, panel, message] of cases) {
    it(`${file}: ${rule} on panel "${panel}"`, () => {
      const report = lintOne(`lint/${file}`);
      expect(rulesAndPanels(report)).toEqual([[rule, panel]]);
      expect(report.findings[0]?.message).toContain(message);
      expect(report.findings[0]?.dashboard).toBe(report.dashboard);
    });
  }

  it('counts the panels of a collapsed row, lints them and names the row', () => {
    const report = lintOne('lint/collapsed-row.json');
    expect(report.findings[0]?.row).toBe('Details');
    expect(report.panels).toBe(3);
    expect([report.expressions, report.variableExpressions]).toEqual([3, 2]);
  });

  it('resolves ${DS_PROMETHEUS} through __inputs, so PromQL rules run on the export', () => {
    const report = lintOne('lint/inputs-export.json');
    expect([report.expressions, report.variableExpressions]).toEqual([2, 2]);
    expect(report.notes).toEqual([]);
  });

  it('says a library panel is not linted, and finds nothing in it', () => {
    const report = lintOne('lint/library-panel.json');
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([
      `library panel "Shared latency": its title, unit and queries live in Grafana's panel library, not in this file; not linted`,
    ]);
  });

  it('skips PromQL rules on a non-Prometheus datasource and says so', () => {
    const report = lintOne('lint/non-prometheus.json');
    expect(report.findings).toEqual([]);
    expect([report.expressions, report.variableExpressions]).toEqual([1, 2]);
    expect(report.notes).toEqual(['Error logs: query A uses a loki datasource: PromQL rules skipped']);
  });
});

describe('exclusions (.lint beside the dashboards)', () => {
  const run = lintFiles([join(FIXTURES, 'lint-exclusions')]);

  it('switches a rule off for the panel named, with its reason shown', () => {
    const [report] = run.reports;
    expect(report?.suppressed.map((s) => [s.finding.rule, s.finding.panel, s.reason])).toEqual([
      ['target-counter-agg-rule', 'Connections', 'pg_stat_activity_count is a gauge (connections now) despite its _count suffix'],
    ]);
  });

  it('does not honour an exclusion without a reason, and reports it as a finding', () => {
    expect(rulesAndPanels(run.reports[0] as DashboardReport)).toEqual([['target-counter-agg-rule', 'Rows fetched']]);
    expect(run.exclusionProblems.map((p) => [p.rule, p.panel, p.message])).toEqual([
      ['lint-exclusion-reason-rule', 'Rows fetched', 'target-counter-agg-rule: the exclusion of this panel gives no reason; it excludes nothing'],
    ]);
  });
});

describe('files that are not dashboards: one line naming file and problem', () => {
  it('malformed JSON', () => {
    const file = join(FIXTURES, 'invalid/malformed.json');
    expect(lintFiles([file]).failures).toEqual([`${file}: not valid JSON: Unexpected end of JSON input`]);
  });

  it('a JSON file that is not a dashboard, and a path that does not exist', () => {
    const file = join(FIXTURES, 'invalid/not-a-dashboard.json');
    expect(lintFiles([file, 'no/such.json']).failures).toEqual([
      'no/such.json: no such file or folder',
      `${file}: not a Grafana dashboard: it has neither "panels" nor "rows"`,
    ]);
  });
});
