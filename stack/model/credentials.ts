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

/** User names have a default; every password without a value is generated. */
export const DEFAULT_USERS: Partial<Record<SecretName, string>> = { metricsUser: 'prometheus', grafanaAdminUser: 'admin' };

export class CredentialError extends Error {}

function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function resolveCredentials(env: NodeJS.ProcessEnv = process.env): ResolvedCredentials {
  const values = {} as Credentials;
  const origin = {} as ResolvedCredentials['origin'];
  for (const [name, variable] of Object.entries(CREDENTIAL_ENV) as [SecretName, string][]) {
    const given = env[variable];
    if (given !== undefined && given !== '') {
      // A colon cannot be carried by basic auth's user field; control characters break headers.
      if (name in DEFAULT_USERS && given.includes(':')) {
        throw new CredentialError(`${variable} must not contain ':' (basic auth splits user and password there)`);
      }
      if (/[\x00-\x1f\x7f]/.test(given)) throw new CredentialError(`${variable} contains control characters`);
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
