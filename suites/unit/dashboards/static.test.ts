import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARD_SPECS, panelQueries, PROMETHEUS_DATASOURCE_UID } from '../../../stack/dashboards/index.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { RENDERED_DASHBOARDS_DIR, renderDashboardFiles } from '../../../stack/render/dashboards.ts';
import { analyzePromql } from '../../checks/promql/analyze.ts';
import { checkDashboardSet, formatFinding, readDashboardFolder, STORY_DASHBOARDS } from '../../checks/dashboards/provisioned-set.ts';

const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;
const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

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

  it('every panel query parses as PromQL and reads counters only through rate/irate/increase over $__rate_interval', () => {
    const queries = panelQueries();
    expect(queries.length).toBeGreaterThan(40);
    for (const q of queries) {
      const where = `${q.dashboard} / ${q.panel}: ${q.expr}`;
      const analysis = analyzePromql(q.expr);
      expect(analysis.errors, where).toEqual([]);
      const exempt = DASHBOARD_SPECS.find((d) => d.title === q.dashboard)!.panels.find((p) => p.title === q.panel)!.lintExclusions ?? [];
      if (exempt.some((e) => e.rule === 'target-counter-agg-rule')) continue;
      for (const m of analysis.metrics.filter((x) => COUNTER_SUFFIX.test(x.name))) {
        expect(RATE_FUNCTIONS.has(m.rangeConsumer ?? ''), `${where}: ${m.name} read raw`).toBe(true);
      }
      for (const r of analysis.rangeSelectors) expect(r.usesRateInterval, `${where}: window ${r.window}`).toBe(true);
    }
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
