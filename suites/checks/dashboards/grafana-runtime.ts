import { request } from 'undici';
import { DASHBOARD_SPECS, PROMETHEUS_DATASOURCE_UID } from '../../../stack/dashboards/index.ts';
import { docker } from '../../../stack/engine/docker-cli.ts';
import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { GRAFANA_PORT } from '../../../stack/render/grafana.ts';
import { interpolate } from './data.ts';
import { STORY_DASHBOARDS, STORY_REFRESH } from './provisioned-set.ts';
import { serviceWithRole } from '../../../stack/model/schema.ts';

// Grafana's runtime half of AC 9.1.2 and 9.1.4, through its HTTP API: health, refusals without and
// with wrong credentials, sign-up refused, the admin's view of the provisioned dashboards, the
// datasource's health, every panel query through /api/ds/query, and where port 3001 is bound.

export interface GrafanaEvidence {
  health: number;
  searchWithoutCredentials: number;
  searchWithWrongCredentials: number;
  signUp: number;
  adminSearch: number;
  dashboards: { title: string; uid: string; refresh: unknown }[];
  datasourceHealth: { status: number; message: string };
  panelFrames: { dashboard: string; panel: string; frames: number; error?: string }[];
  /** What `docker port` says the container's 3001 is bound to. */
  bindings: string[];
}

interface Answer {
  status: number;
  json: unknown;
}

async function call(url: string, authorization?: string, body?: unknown): Promise<Answer> {
  const res = await request(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const text = await res.body.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.statusCode, json };
}

function framesOf(json: unknown): number {
  const results = (json as { results?: Record<string, { frames?: unknown[] }> })?.results ?? {};
  return Object.values(results).reduce((sum, r) => sum + (r.frames?.length ?? 0), 0);
}

export async function gatherGrafanaEvidence(info: StackInfo): Promise<GrafanaEvidence> {
  if (!('url' in info.grafana)) throw new Error(`Grafana is not running: ${info.grafana.notRunning}`);
  const { url, adminUser, adminPassword } = info.grafana;
  const admin = basicAuthHeader(adminUser, adminPassword);
  const search = await call(`${url}/api/search?type=dash-db`, admin);
  const hits = Array.isArray(search.json) ? (search.json as { uid: string }[]) : [];
  const dashboards = await Promise.all(
    hits.map(async (h) => {
      const d = (await call(`${url}/api/dashboards/uid/${h.uid}`, admin)).json as { dashboard?: { title: string; uid: string; refresh: unknown } };
      return { title: d.dashboard?.title ?? '?', uid: h.uid, refresh: d.dashboard?.refresh };
    }),
  );
  const ds = await call(`${url}/api/datasources/uid/${PROMETHEUS_DATASOURCE_UID}/health`, admin);
  const panelFrames = await Promise.all(
    DASHBOARD_SPECS.flatMap((d) =>
      d.panels.flatMap((p) =>
        p.queries.map(async (q) => {
          const body = {
            from: d.from,
            to: 'now',
            queries: [{ refId: 'A', datasource: { uid: PROMETHEUS_DATASOURCE_UID }, expr: interpolate(q.expr, undefined), range: true, maxDataPoints: 1000 }],
          };
          const answer = await call(`${url}/api/ds/query`, admin, body);
          const frames = framesOf(answer.json);
          return { dashboard: d.title, panel: p.title, frames, ...(answer.status === 200 ? {} : { error: `HTTP ${answer.status}` }) };
        }),
      ),
    ),
  );
  const container = serviceWithRole(info.services, 'grafana')!.container;
  return {
    health: (await call(`${url}/api/health`)).status,
    searchWithoutCredentials: (await call(`${url}/api/search`)).status,
    searchWithWrongCredentials: (await call(`${url}/api/search`, basicAuthHeader(adminUser, `${adminPassword}-wrong`))).status,
    signUp: (await call(`${url}/api/user/signup`, undefined, { email: 'someone@example.invalid', username: 'someone', password: 'x-password-1' })).status,
    adminSearch: search.status,
    dashboards,
    datasourceHealth: { status: ds.status, message: String((ds.json as { message?: string })?.message ?? '') },
    panelFrames,
    bindings: (await docker(['port', container, String(GRAFANA_PORT)])).split('\n').map((l) => l.trim()).filter(Boolean),
  };
}

/** What Grafana's API shows against AC 9.1.4 (auth) and the Grafana half of 9.1.2 (dashboards). */
export function grafanaProblems(e: GrafanaEvidence): { auth: string[]; dashboards: string[] } {
  const auth: string[] = [];
  if (e.health !== 200) auth.push(`/api/health answered ${e.health}`);
  if (e.searchWithoutCredentials !== 401) auth.push(`/api/search without credentials answered ${e.searchWithoutCredentials}, not 401`);
  if (e.searchWithWrongCredentials !== 401) auth.push(`/api/search with a wrong password answered ${e.searchWithWrongCredentials}, not 401`);
  if (e.signUp < 400 || e.signUp >= 500) auth.push(`sign-up answered ${e.signUp}: it must be refused`);
  if (e.adminSearch !== 200) auth.push(`the admin from the environment got ${e.adminSearch} from /api/search`);
  const exposed = e.bindings.filter((b) => !b.startsWith('127.0.0.1:'));
  if (e.bindings.length === 0 || exposed.length > 0) auth.push(`port ${GRAFANA_PORT} bound to ${JSON.stringify(e.bindings)}, not only 127.0.0.1`);

  const dashboards: string[] = [];
  const titles = e.dashboards.map((d) => d.title).sort();
  if (JSON.stringify(titles) !== JSON.stringify([...STORY_DASHBOARDS].sort())) dashboards.push(`the admin sees ${JSON.stringify(titles)}, not exactly the five`);
  for (const d of e.dashboards) if (d.refresh !== STORY_REFRESH) dashboards.push(`${d.title}: refresh ${JSON.stringify(d.refresh)} in Grafana`);
  if (e.datasourceHealth.status !== 200) dashboards.push(`datasource health answered ${e.datasourceHealth.status}: ${e.datasourceHealth.message}`);
  for (const p of e.panelFrames) if (p.error || p.frames === 0) dashboards.push(`${p.dashboard} / ${p.panel}: /api/ds/query returned ${p.error ?? 'no frames'}`);
  return { auth, dashboards };
}
