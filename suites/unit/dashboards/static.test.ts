import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARD_SPECS, panelQueries, PROMETHEUS_DATASOURCE_UID } from '../../../stack/dashboards/index.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { RENDERED_DASHBOARDS_DIR, renderDashboardFiles } from '../../../stack/render/dashboards.ts';
import { lintFiles } from '../../checks/dashboard-lint/lint-files.ts';
import { analyzePromql } from '../../checks/promql/analyze.ts';
import { checkDashboardSet, formatFinding, readDashboardFolder, STORY_DASHBOARDS } from '../../checks/dashboards/provisioned-set.ts';

describe('the five dashboards as code', () => {
  const built = buildDashboards();

  it('are exactly the story\'s five, with unique uids, refresh 10s and a default range', async () => {
    expect(built.map((d) => d.json.title)).toEqual([...STORY_DASHBOARDS]);
    const files = await readDashboardFolder(resolve(REPO_ROOT, RENDERED_DASHBOARDS_DIR));
    expect(checkDashboardSet(files, PROMETHEUS_DATASOURCE_UID).map(formatFinding)).toEqual([]);
  });

  it('the rendered folder holds exactly the rendered files, nothing stale', async () => {
    const names = (await readdir(resolve(REPO_ROOT, RENDERED_DASHBOARDS_DIR))).sort();
    const expected = [...renderDashboardFiles().keys()].map((p) => p.split('/').at(-1)).sort();
    expect(names).toEqual(expected);
  });

  it('every panel has a title, a unit, a description and at least one query', () => {
    for (const d of DASHBOARD_SPECS) {
      for (const p of d.panels) {
        const where = `${d.title} / ${p.title}`;
        expect(p.title.trim(), where).not.toBe('');
        expect(p.unit.trim(), where).not.toBe('');
        expect(p.description.trim(), where).not.toBe('');
        expect(p.queries.length, where).toBeGreaterThan(0);
      }
    }
  });

  it('lint clean: every query parses, counters only through rate over $__rate_interval, units, datasources', () => {
    const run = lintFiles([resolve(REPO_ROOT, RENDERED_DASHBOARDS_DIR)]);
    expect(run.failures).toEqual([]);
    expect(run.exclusionProblems).toEqual([]);
    expect(run.reports.map((r) => r.dashboard)).toEqual([...STORY_DASHBOARDS].sort());
    expect(run.reports.flatMap((r) => r.findings)).toEqual([]);
    expect(run.reports.reduce((sum, r) => sum + r.unparsed, 0)).toBe(0);
    // Every panel query (and the PromQL inside label_values() of variables) was parsed.
    expect(run.reports.reduce((sum, r) => sum + r.expressions, 0)).toBeGreaterThanOrEqual(panelQueries().length);
  });

  it('every variable a query uses is defined by its dashboard (built-ins aside)', () => {
    for (const d of DASHBOARD_SPECS) {
      const defined = new Set(d.variables.map((v) => v.name));
      for (const q of panelQueries([d])) {
        for (const v of analyzePromql(q.expr).variables) {
          if (!v.startsWith('__')) expect(defined.has(v), `${d.title} / ${q.panel} uses $${v}`).toBe(true);
        }
      }
    }
  });

  it('panelQueries() lists exactly the targets in the dashboard JSON', () => {
    const fromJson = built.flatMap(({ json }) =>
      (json.panels ?? []).flatMap((p) =>
        ('targets' in p ? (p.targets ?? []) : []).map((t) => ({ dashboard: json.title, panel: p.title ?? '', expr: (t as unknown as { expr: string }).expr })),
      ),
    );
    expect(panelQueries()).toEqual(fromJson);
  });
});
