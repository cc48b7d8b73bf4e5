import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import type { AcResult } from '../ac-result.ts';
import { BAD_INPUTS } from './inputs.ts';
import { matrixProblems, matrixTable, runMatrix, type Endpoint, type MatrixRow } from './matrix.ts';

export const BAD_INPUT_CHECK = 'bad input';
export const BAD_INPUT_TITLE = 'every authenticated endpoint answers bad input with 400/401/404/405, never a 5xx, and keeps serving';

/** Services with authenticated endpoints that this stack does not run yet, and why. */
const NOT_RUNNING: Record<string, string> = {
  grafana: 'NOT VERIFIED: no Grafana image exists on this machine and no registry is reachable',
};

/** Every endpoint of the stack that requires basic auth: the scraped metrics URL of each service. */
export function authenticatedEndpoints(info: StackInfo): Endpoint[] {
  return info.services.flatMap((s) => (s.metricsUrl ? [{ name: s.name, url: s.metricsUrl }] : []));
}

export async function gatherBadInputMatrix(info: StackInfo): Promise<MatrixRow[]> {
  return runMatrix(authenticatedEndpoints(info), basicAuthHeader(info.metricsUser, info.metricsPassword));
}

export function judgeBadInput(rows: readonly MatrixRow[]): AcResult {
  const problems = matrixProblems(rows);
  const notRunning = Object.entries(NOT_RUNNING).map(([service, why]) => `${service}: ${why}`);
  return {
    ac: BAD_INPUT_CHECK,
    title: BAD_INPUT_TITLE,
    result: problems.length === 0 ? 'PASS' : 'FAIL',
    figure: `${rows.length} endpoints x ${BAD_INPUTS.length} inputs, ${problems.length} problems`,
    method: 'raw HTTP/1.1 requests over node:net from the host to each published endpoint, then one correct scrape each',
    details: [...problems, ...matrixTable(rows), ...notRunning],
  };
}
