import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { lintFiles } from '../../checks/dashboard-lint/lint-files.ts';

// node-exporter-full (grafana.com 1860), a dashboard we did not write: see fixtures/dashboards/public/README.md.
describe('the linter on node-exporter-full (public, schemaVersion 41)', () => {
  const run = lintFiles([join(REPO_ROOT, 'fixtures/dashboards/public/node-exporter-full.json')]);
  const [report] = run.reports;

  it('reads it without failure: 125 panels, rows included', () => {
    expect(run.failures).toEqual([]);
    expect(report?.dashboard).toBe('Node Exporter Full');
    expect(report?.schemaVersion).toBe(41);
    expect(report?.panels).toBe(125);
  });

  it('parses all 289 of its PromQL expressions (286 panel queries, 3 in query variables)', () => {
    expect([report?.expressions, report?.variableExpressions]).toEqual([286, 3]);
    expect(report?.unparsed).toBe(0);
  });

  it('finds nothing: units everywhere, $__rate_interval in every rate, job and node variables used', () => {
    expect(report?.findings).toEqual([]);
    expect(report?.notes).toEqual([]);
  });
});
