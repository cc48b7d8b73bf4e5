import { beforeAll, describe, expect, it } from 'vitest';
import { gatherGrafanaEvidence, grafanaProblems, type GrafanaEvidence } from '../checks/dashboards/grafana-runtime.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack('Grafana runtime (AC 9.1.2 and 9.1.4 through its API)', (stack) => {
  if (!('url' in stack.grafana)) {
    // Never a silent pass: the reason is in the title of every skipped check.
    describe.skip(`NOT VERIFIED: ${stack.grafana.notRunning}`, () => {
      it('/api/health, refusals without and with wrong credentials, sign-up refused, 3001 on loopback only', () => undefined);
      it('the admin sees exactly the five dashboards, refresh 10s, datasource healthy, every panel query returns frames', () => undefined);
    });
    return;
  }
  let evidence: GrafanaEvidence;
  beforeAll(async () => {
    evidence = await gatherGrafanaEvidence(stack);
  }, 120_000);

  it('/api/health, refusals without and with wrong credentials, sign-up refused, 3001 on loopback only', () => {
    expect(grafanaProblems(evidence).auth).toEqual([]);
  });

  it('the admin sees exactly the five dashboards, refresh 10s, datasource healthy, every panel query returns frames', () => {
    expect(grafanaProblems(evidence).dashboards).toEqual([]);
  });
});
