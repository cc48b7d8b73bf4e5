import { describe, expect, it } from 'vitest';
import { NotADashboard } from '../../checks/dashboard-lint/dashboard-model.ts';
import { lintDashboard } from '../../checks/dashboard-lint/lint.ts';

// Shapes seen in the wild (or plain wrong): the linter reads them without crashing.
describe('lintDashboard on oddly shaped dashboards', () => {
  const odd: [string, unknown, string, number][] = [
    ['panels null inside, targets not an array, datasource a number', {
      title: 'Odd', panels: [{ type: 'timeseries', title: 'A', targets: 'x', datasource: 3 }, null, 7, 'text'],
    }, 'Odd', 1],
    ['a target whose expr is a number and a row with panels: null', {
      title: 'Odd 2', panels: [{ type: 'row', title: 'R', panels: null }, { type: 'stat', targets: [{ expr: 12 }] }],
    }, 'Odd 2', 1],
    ['templating list with junk entries', { title: 'Odd 3', templating: { list: [null, { type: 'query' }, 4] }, panels: [] }, 'Odd 3', 0],
    ['the API wrapper {dashboard, meta}', { dashboard: { title: 'Wrapped', panels: [] }, meta: { slug: 'wrapped' } }, 'Wrapped', 0],
    ['no title, no schemaVersion', { panels: [{ type: 'text' }] }, '(untitled dashboard)', 1],
  ];
  for (const [shape, json, title, panels] of odd) {
    it(`reads ${shape}`, () => {
      const report = lintDashboard(json, 'odd.json');
      expect([report.dashboard, report.panels]).toEqual([title, panels]);
    });
  }

  it('names a panel without title by its id, and one with a numeric expr as an empty query', () => {
    const report = lintDashboard(
      { title: 'Odd', panels: [{ id: 4, type: 'stat', datasource: { type: 'prometheus', uid: 'p' }, targets: [{ refId: 'A', expr: '  ' }] }] },
      'x',
    );
    expect(report.findings.map((f) => [f.rule, f.panel, f.message])).toEqual([
      ['panel-title-rule', '(untitled panel, id 4)', 'the panel has no title'],
      ['panel-units-rule', '(untitled panel, id 4)', 'no unit is set (fieldConfig.defaults.unit) on this stat panel'],
      ['target-promql-rule', '(untitled panel, id 4)', 'query A is empty'],
    ]);
  });

  it('finds the unit where a singlestat (format) and a heatmap (options.yAxis.unit) keep it', () => {
    const ds = { type: 'prometheus', uid: 'p' };
    const targets = [{ refId: 'A', expr: 'up' }];
    const panels = [
      { id: 1, type: 'singlestat', title: 'Old stat', format: 'percent', datasource: ds, targets },
      { id: 2, type: 'heatmap', title: 'Latency', options: { yAxis: { unit: 's' } }, datasource: ds, targets },
      { id: 3, type: 'heatmap', title: 'No unit', options: { yAxis: {} }, datasource: ds, targets },
    ];
    const report = lintDashboard({ title: 'Units', panels }, 'x');
    expect(report.findings.map((f) => [f.rule, f.panel])).toEqual([['panel-units-rule', 'No unit']]);
  });

  it('finds a panel with neither datasource nor queries', () => {
    const report = lintDashboard({ title: 'D', panels: [{ id: 1, type: 'timeseries', title: 'Empty', fieldConfig: { defaults: { unit: 's' } } }] }, 'x');
    expect(report.findings.map((f) => f.rule)).toEqual(['panel-datasource-rule', 'panel-no-targets-rule']);
  });

  const notDashboards: [string, unknown, string][] = [
    ['an array', [1, 2], 'the JSON is not an object'],
    ['a string', 'dashboard', 'the JSON is not an object'],
    ['an object without panels or rows', { name: 'x' }, 'it has neither "panels" nor "rows"'],
    ['a schema v2 resource', { apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', spec: { elements: {} } }, 'schema v2'],
  ];
  for (const [what, json, reason] of notDashboards) {
    it(`refuses ${what} with the reason`, () => {
      expect(() => lintDashboard(json, 'x')).toThrow(NotADashboard);
      expect(() => lintDashboard(json, 'x')).toThrow(reason);
    });
  }
});
