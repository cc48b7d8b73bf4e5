import { request } from 'undici';
import { basicAuthHeader } from '../model/credentials.ts';
import type { Target } from './target.ts';

/**
 * Before any check waits on it: the target's Prometheus answers, and takes its credentials. One
 * GET of /-/ready, so a target that is down or a wrong password fails in seconds with its cause,
 * not after a check's timeout. Returns the reason, or undefined when it is fine.
 */
export async function preflightTarget(target: Target): Promise<string | undefined> {
  const { prometheusUrl: url, metricsUser, metricsPassword, credentialOrigin } = target.info;
  let status: number;
  try {
    const res = await request(`${url}/-/ready`, {
      headers: { authorization: basicAuthHeader(metricsUser, metricsPassword) },
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await res.body.dump();
    status = res.statusCode;
  } catch (error) {
    const e = error as Error & { code?: string };
    return `Prometheus of ${target.name} at ${url} is unreachable (${e.code ?? e.message})`;
  }
  if (status === 401) {
    return `Prometheus of ${target.name} at ${url} refused the credentials (401): check ${credentialOrigin.metricsUser} and ${credentialOrigin.metricsPassword}`;
  }
  if (status !== 200) return `Prometheus of ${target.name} at ${url} is not ready (/-/ready answered ${status})`;
  return undefined;
}
