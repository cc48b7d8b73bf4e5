import { randomBytes } from 'node:crypto';
import type { SecretName } from './schema.ts';

export type Credentials = Record<SecretName, string>;

export interface ResolvedCredentials {
  values: Credentials;
  /** Which came from the environment and which were generated for this run (never which value). */
  origin: Record<SecretName, 'environment' | 'generated'>;
}

/** Environment variables an operator sets; unset ones are generated fresh for each run. */
export const CREDENTIAL_ENV: Record<SecretName, string> = {
  metricsUser: 'ONYX_METRICS_USER',
  metricsPassword: 'ONYX_METRICS_PASSWORD',
  postgresPassword: 'ONYX_POSTGRES_PASSWORD',
  grafanaAdminUser: 'ONYX_GRAFANA_ADMIN_USER',
  grafanaAdminPassword: 'ONYX_GRAFANA_ADMIN_PASSWORD',
};

export const DEFAULT_METRICS_USER = 'prometheus';

/** User names have a default; every password without a value is generated. */
export const DEFAULT_USERS: Partial<Record<SecretName, string>> = { metricsUser: DEFAULT_METRICS_USER, grafanaAdminUser: 'admin' };

export class CredentialError extends Error {}

/** Why a user name or password cannot travel in a basic auth header; undefined when it can. */
export function basicAuthProblem(kind: 'user' | 'password', value: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(value)) return 'must not contain control characters (they break headers)';
  if (kind === 'user' && value.includes(':')) return "must not contain ':' (basic auth splits user and password there)";
  return undefined;
}

function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function resolveCredentials(env: NodeJS.ProcessEnv = process.env): ResolvedCredentials {
  const values = {} as Credentials;
  const origin = {} as ResolvedCredentials['origin'];
  for (const [name, variable] of Object.entries(CREDENTIAL_ENV) as [SecretName, string][]) {
    const given = env[variable];
    if (given !== undefined && given !== '') {
      const problem = basicAuthProblem(name in DEFAULT_USERS ? 'user' : 'password', given);
      if (problem) throw new CredentialError(`${variable} ${problem}`);
      values[name] = given;
      origin[name] = 'environment';
    } else {
      values[name] = DEFAULT_USERS[name] ?? generatedPassword();
      origin[name] = 'generated';
    }
  }
  return { values, origin };
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
