import { describe, expect, it } from 'vitest';
import { lintDashboard } from '../../checks/dashboard-lint/lint.ts';

const PROMETHEUS = { type: 'prometheus', uid: 'prometheus' };

function dashboard(variables: string[], panels: object[], extra: object = {}): object {
  return {
    title: 'Synthetic',
    templating: { list: variables.map((name) => ({ name, type: 'query' })) },
    panels,
    ...extra,
  };
}

function panel(title: string, expr: string, datasource: unknown = PROMETHEUS): object {
  return { id: 1, type: 'timeseries', title, datasource, fieldConfig: { defaults: { unit: 's' } }, targets: [{ refId: 'A', expr }] };
}

function findings(json: object): string[][] {
  return lintDashboard(json, 'x.json').findings.map((f) => [f.rule, f.panel, f.message]);
}

describe('job, instance and other variables', () => {
  it('accepts filters on job and instance through defined variables, whatever their names', () => {
    const json = dashboard(['job', 'node'], [panel('Load', 'node_load1{job=~"${job:regex}", instance="$node"}')]);
    expect(findings(json)).toEqual([]);
  });

  it('finds an instance filter through a variable the dashboard does not define', () => {
    const json = dashboard(['job'], [panel('Load', 'node_load1{job="$job", instance="$instance"}')]);
    expect(findings(json)).toEqual([
      ['template-instance-rule', 'Load', 'query A filters instance="$instance" but the dashboard defines no variable instance'],
    ]);
  });

  it('accepts a fixed job when the dashboard has a job variable, finds it when it has none', () => {
    const query = 'up{job="prometheus"}';
    expect(findings(dashboard(['job'], [panel('Up', query)]))).toEqual([]);
    expect(findings(dashboard([], [panel('Up', query)]))).toEqual([
      ['template-job-rule', 'Up', 'query A filters job="prometheus" but the dashboard has no job variable to choose it'],
    ]);
  });

  it('finds any other undefined variable, and never Grafana built-ins', () => {
    const json = dashboard([], [panel('Top', 'topk($limit, sum by (le) (rate(x_bucket[$__rate_interval]))) / $__range_s')]);
    expect(findings(json)).toEqual([['target-undefined-variable-rule', 'Top', 'query A uses $limit, which the dashboard does not define']]);
  });
});

describe('datasources', () => {
  it('resolves a datasource variable to its plugin type', () => {
    const json = dashboard([], [panel('Logs', 'not promql at all {', '$logs')], {
      templating: { list: [{ name: 'logs', type: 'datasource', query: 'loki' }] },
    });
    const report = lintDashboard(json, 'x.json');
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual(['Logs: query A uses a loki datasource: PromQL rules skipped']);
  });

  it('uses each target own datasource under -- Mixed --', () => {
    const mixed = {
      id: 1, type: 'timeseries', title: 'Mixed', fieldConfig: { defaults: { unit: 's' } },
      datasource: { type: 'datasource', uid: '-- Mixed --' },
      targets: [
        { refId: 'A', expr: 'rate(x_total[5m])', datasource: PROMETHEUS },
        { refId: 'B', expr: '{app="x"} |= "error"', datasource: { type: 'loki', uid: 'loki' } },
      ],
    };
    const report = lintDashboard(dashboard([], [mixed]), 'x.json');
    expect(report.findings.map((f) => f.rule)).toEqual(['target-rate-interval-rule']);
    expect(report.notes).toEqual(['Mixed: query B uses a loki datasource: PromQL rules skipped']);
  });
});
