import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// The static half of AC 9.1.2 on the dashboard JSON Grafana provisions: exactly the story's five
// dashboards, each once, with a uid of its own, refresh 10s, a default time range, and every panel
// on the provisioned Prometheus datasource. Works on any folder of dashboard JSON, so broken
// copies (fixtures/dashboards/) can prove each finding.

/** The five dashboards story 9.1 names. */
export const STORY_DASHBOARDS = [
  'System Overview',
  'Application Performance',
  'LLM Metrics',
  'RAG Performance',
  'Infrastructure Health',
] as const;
export const STORY_REFRESH = '10s';

export interface DashboardFile {
  file: string;
  json: unknown;
}

export interface SetFinding {
  dashboard: string;
  panel: string;
  message: string;
}

interface PanelJson {
  type?: string;
  title?: string;
  datasource?: { uid?: string } | string | null;
  targets?: { datasource?: { uid?: string } | null }[];
  panels?: PanelJson[];
}

interface DashboardJson {
  title?: string;
  uid?: string;
  refresh?: string | boolean;
  time?: { from?: string; to?: string };
  panels?: PanelJson[];
}

export class DashboardFolderError extends Error {}

/** Every *.json of a folder, parsed; a file that is not JSON is a one-line error naming it. */
export async function readDashboardFolder(dir: string): Promise<DashboardFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      try {
        return { file: name, json: JSON.parse(text) as unknown };
      } catch (error) {
        throw new DashboardFolderError(`${join(dir, name)} is not JSON: ${(error as Error).message}`);
      }
    }),
  );
}

function panelsOf(dashboard: DashboardJson): PanelJson[] {
  return (dashboard.panels ?? []).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

function datasourceUid(ds: PanelJson['datasource']): string | undefined {
  return typeof ds === 'object' && ds !== null ? ds.uid : undefined;
}

export function checkDashboardSet(files: DashboardFile[], datasourceUidExpected: string): SetFinding[] {
  const findings: SetFinding[] = [];
  const dashboards = files.map((f) => ({ file: f.file, json: (f.json ?? {}) as DashboardJson }));
  const name = (d: { file: string; json: DashboardJson }) => d.json.title ?? `(untitled, ${d.file})`;
  for (const title of STORY_DASHBOARDS) {
    const count = dashboards.filter((d) => d.json.title === title).length;
    if (count === 0) findings.push({ dashboard: title, panel: '-', message: 'dashboard missing: no provisioned file has this title' });
    if (count > 1) findings.push({ dashboard: title, panel: '-', message: `provisioned ${count} times` });
  }
  const uids = new Map<string, string>();
  for (const d of dashboards) {
    const title = name(d);
    if (!(STORY_DASHBOARDS as readonly string[]).includes(title)) {
      findings.push({ dashboard: title, panel: '-', message: `not one of the story's five dashboards (${d.file})` });
    }
    if (d.json.refresh !== STORY_REFRESH) {
      findings.push({ dashboard: title, panel: '-', message: `refresh is ${JSON.stringify(d.json.refresh ?? null)}, the story asks for "${STORY_REFRESH}"` });
    }
    if (!d.json.uid) findings.push({ dashboard: title, panel: '-', message: 'no uid: Grafana would make a new one on every provisioning' });
    else if (uids.has(d.json.uid)) findings.push({ dashboard: title, panel: '-', message: `uid ${d.json.uid} is also the uid of ${uids.get(d.json.uid)}` });
    else uids.set(d.json.uid, title);
    if (!d.json.time?.from) findings.push({ dashboard: title, panel: '-', message: 'no default time range (time.from)' });
    for (const p of panelsOf(d.json)) {
      const uidsUsed = [datasourceUid(p.datasource), ...(p.targets ?? []).map((t) => datasourceUid(t.datasource))];
      const wrong = uidsUsed.filter((u) => u !== undefined && u !== datasourceUidExpected);
      if (datasourceUid(p.datasource) === undefined || wrong.length > 0) {
        findings.push({
          dashboard: title,
          panel: p.title ?? '(untitled)',
          message: `datasource must be the provisioned uid ${datasourceUidExpected}, found ${JSON.stringify([...new Set(uidsUsed)])}`,
        });
      }
    }
  }
  return findings;
}

export function formatFinding(f: SetFinding): string {
  return f.panel === '-' ? `${f.dashboard}: ${f.message}` : `${f.dashboard} / ${f.panel}: ${f.message}`;
}
