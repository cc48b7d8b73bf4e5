import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMETHEUS_DATASOURCE_UID } from '../../../stack/dashboards/index.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { staticDashboardProblems } from '../../checks/ac-9-1-2.ts';
import { grafanaSettingsProblems } from '../../checks/ac-9-1-4.ts';
import { checkDashboardSet, formatFinding, readDashboardFolder } from '../../checks/dashboards/provisioned-set.ts';
import { renderGrafanaIni } from '../../../stack/render/grafana.ts';

const fixture = (name: string) => resolve(REPO_ROOT, 'fixtures/dashboards', name);

describe('broken dashboards make the right check of AC 9.1.2 fail, naming dashboard and panel', () => {
  it('refresh 30s: the provisioned-set check names the dashboard and its refresh', async () => {
    const findings = checkDashboardSet(await readDashboardFolder(fixture('refresh-30s')), PROMETHEUS_DATASOURCE_UID).map(formatFinding);
    expect(findings).toEqual(['LLM Metrics: refresh is "30s", the story asks for "10s"']);
  });

  it('a dashboard missing: the provisioned-set check names it', async () => {
    const findings = checkDashboardSet(await readDashboardFolder(fixture('dashboard-missing')), PROMETHEUS_DATASOURCE_UID).map(formatFinding);
    expect(findings).toEqual(['RAG Performance: dashboard missing: no provisioned file has this title']);
  });

  it.each([
    ['query-does-not-parse', 'p95 latency', 'target-promql-rule'],
    ['panel without unit', 'Error ratio', 'panel-units-rule'],
    ['raw counter without rate', 'Requests served', 'target-counter-agg-rule'],
  ])('%s: the static check of 9.1.2 fails through the linter on panel "%s" (%s)', async (_case, panel, rule) => {
    const problems = await staticDashboardProblems(fixture('lint'));
    expect(problems.some((p) => p.includes(`/ ${panel}: [${rule}]`)), problems.join('\n')).toBe(true);
  });

  it('the committed dashboards pass the same static check', async () => {
    expect(await staticDashboardProblems()).toEqual([]);
  });
});

describe('Grafana settings (AC 9.1.4, static part)', () => {
  it('the rendered grafana.ini enforces port 3001, no anonymous access, no sign-up', () => {
    expect(grafanaSettingsProblems(renderGrafanaIni())).toEqual([]);
  });

  it('a grafana.ini with anonymous access or sign-up on is named', () => {
    const open = renderGrafanaIni().replace('[auth.anonymous]\nenabled = false', '[auth.anonymous]\nenabled = true').replace('allow_sign_up = false', 'allow_sign_up = true');
    expect(grafanaSettingsProblems(open)).toEqual([
      'grafana.ini [auth.anonymous] enabled is "true", must be false',
      'grafana.ini [users] allow_sign_up is "true", must be false',
    ]);
  });
});
