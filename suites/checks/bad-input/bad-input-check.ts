import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import type { AcResult } from '../ac-result.ts';
import { BAD_INPUTS } from './inputs.ts';
import { matrixProblems, matrixTable, runMatrix, type Endpoint, type MatrixRow } from './matrix.ts';
import { serviceWithRole } from '../../../stack/model/schema.ts';

export const BAD_INPUT_CHECK = 'bad input';
export const BAD_INPUT_TITLE = 'every authenticated endpoint answers bad input with 400/401/404/405, never a 5xx, and keeps serving';

/** Services with authenticated endpoints that may be missing from a stack, and why; reported NOT VERIFIED when absent. */
export const MAYBE_ABSENT: Record<string, string> = {
  grafana: 'no Grafana image exists on this machine and no registry is reachable',
  alertmanager: 'the stack description has no Alertmanager URL (a --target file names Prometheus and the metrics URLs only)',
};

/** The API endpoints beside the scraped metrics URLs: one read-only call each, behind the same basic auth. */
const ALERTMANAGER_API_PATH = '/api/v2/status';
const PROMETHEUS_API_PATH = '/api/v1/status/buildinfo';
/** The signed-in user's organisation: needs a login, changes nothing. */
const GRAFANA_API_PATH = '/api/org';
export const PROMETHEUS_API_ENDPOINT = 'prometheus API';

/**
 * Every endpoint of the stack that requires basic auth: each scraped metrics URL, Prometheus's API,
 * Alertmanager's, and Grafana's HTTP API when Grafana runs (with its admin, not the metrics user).
 */
export function authenticatedEndpoints(info: StackInfo): Endpoint[] {
  const metrics = info.services.flatMap((s) => (s.metricsUrl ? [{ name: s.name, url: s.metricsUrl }] : []));
  const alertmanager = serviceWithRole(info.services, 'alertmanager');
  const grafana = 'url' in info.grafana ? info.grafana : undefined;
  return [
    ...metrics,
    { name: PROMETHEUS_API_ENDPOINT, url: `${info.prometheusUrl}${PROMETHEUS_API_PATH}` },
    ...(alertmanager?.urls.http ? [{ name: alertmanager.name, url: `${alertmanager.urls.http}${ALERTMANAGER_API_PATH}` }] : []),
    ...(grafana ? [{ name: 'grafana', url: `${grafana.url}${GRAFANA_API_PATH}`, authorization: basicAuthHeader(grafana.adminUser, grafana.adminPassword) }] : []),
  ];
}

export async function gatherBadInputMatrix(info: StackInfo): Promise<MatrixRow[]> {
  return runMatrix(authenticatedEndpoints(info), basicAuthHeader(info.metricsUser, info.metricsPassword));
}

export function judgeBadInput(rows: readonly MatrixRow[]): AcResult {
  const problems = matrixProblems(rows).map((p) => p.message);
  const notRunning = Object.entries(MAYBE_ABSENT)
    .filter(([service]) => !rows.some((r) => r.endpoint === service))
    .map(([service, why]) => `${service}: NOT VERIFIED: ${why}`);
  return {
    ac: BAD_INPUT_CHECK,
    title: BAD_INPUT_TITLE,
    result: problems.length === 0 ? 'PASS' : 'FAIL',
    figure: `${rows.length} endpoints x ${BAD_INPUTS.length} inputs, ${problems.length} problems`,
    method: 'raw HTTP/1.1 requests over node:net from the host to each published endpoint, then one correct scrape each',
    details: [...problems, ...matrixTable(rows), ...notRunning],
  };
}
