import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../stack/paths.ts';
import { GRAFANA_PORT } from '../../stack/render/grafana.ts';
import type { AcResult } from './ac-result.ts';
import { gatherGrafanaEvidence, grafanaProblems } from './dashboards/grafana-runtime.ts';
import type { VerifyContext } from './ac-check.ts';

export const AC_914_TITLE = 'Grafana at http://localhost:3001 with authentication';
export const GRAFANA_INI = 'stack/generated/grafana/grafana.ini';

/** `[section] key` -> value of an ini file (Grafana's format: `key = value`, `;` and `#` comments). */
export function parseIni(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1]!;
    else {
      const [key, ...value] = line.split('=');
      values.set(`[${section}] ${key!.trim()}`, value.join('=').trim());
    }
  }
  return values;
}

/** The settings Grafana starts with enforce the story's auth: port 3001, no anonymous access, no sign-up. */
export function grafanaSettingsProblems(ini: string): string[] {
  const values = parseIni(ini);
  const expected: Record<string, string> = {
    '[server] http_port': String(GRAFANA_PORT),
    '[auth.anonymous] enabled': 'false',
    '[users] allow_sign_up': 'false',
    '[users] allow_org_create': 'false',
  };
  return Object.entries(expected)
    .filter(([key, value]) => values.get(key) !== value)
    .map(([key, value]) => `grafana.ini ${key} is ${JSON.stringify(values.get(key) ?? null)}, must be ${value}`);
}

export async function runAc914(ctx: VerifyContext): Promise<AcResult> {
  const problems = grafanaSettingsProblems(await readFile(resolve(REPO_ROOT, GRAFANA_INI), 'utf8'));
  const base = { ac: '9.1.4', title: AC_914_TITLE };
  if (!('url' in ctx.info.grafana)) {
    const why = `Grafana runtime NOT VERIFIED: ${ctx.info.grafana.notRunning}`;
    return {
      ...base,
      result: problems.length > 0 ? 'FAIL' : 'NOT VERIFIED',
      figure: problems.length > 0 ? `${problems.length} settings wrong` : 'settings enforce auth; Grafana not running',
      method: `static: ${GRAFANA_INI} rendered from the model; ${why}`,
      details: [...problems, why],
    };
  }
  const evidence = await gatherGrafanaEvidence(ctx.info);
  problems.push(...grafanaProblems(evidence).auth);
  return {
    ...base,
    result: problems.length > 0 ? 'FAIL' : 'PASS',
    figure: `no credentials ${evidence.searchWithoutCredentials}, wrong ${evidence.searchWithWrongCredentials}, sign-up ${evidence.signUp}, admin ${evidence.adminSearch}; bound ${evidence.bindings.join(', ')}`,
    method: `Grafana's HTTP API from the host (/api/health, /api/search without, with wrong and with the admin's credentials, /api/user/signup), docker port; ${GRAFANA_INI}`,
    details: problems,
  };
}
