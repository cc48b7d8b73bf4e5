import { describe, expect, it } from 'vitest';
import { CredentialError, basicAuthHeader, resolveCredentials } from '../../../stack/model/credentials.ts';

describe('credentials', () => {
  it('takes credentials from the environment', () => {
    const c = resolveCredentials({ ONYX_METRICS_USER: 'ops', ONYX_METRICS_PASSWORD: 's3cret', ONYX_POSTGRES_PASSWORD: 'pg' });
    expect(c.values).toMatchObject({ metricsUser: 'ops', metricsPassword: 's3cret', postgresPassword: 'pg', grafanaAdminUser: 'admin' });
    expect(c.origin.grafanaAdminPassword).toBe('generated');
    expect(c.origin.metricsPassword).toBe('environment');
  });

  it('generates a fresh password per run when none is set, never a fixed one', () => {
    const a = resolveCredentials({});
    const b = resolveCredentials({});
    expect(a.origin.metricsPassword).toBe('generated');
    expect(a.values.metricsPassword).not.toBe(b.values.metricsPassword);
    expect(a.values.metricsPassword.length).toBeGreaterThanOrEqual(20);
    expect(a.values.metricsPassword).not.toBe('admin');
  });

  it('refuses a user with a colon or control characters', () => {
    expect(() => resolveCredentials({ ONYX_METRICS_USER: 'a:b' })).toThrow(CredentialError);
    expect(() => resolveCredentials({ ONYX_METRICS_PASSWORD: 'x\ny' })).toThrow(/control characters/);
  });

  it('builds a basic auth header', () => {
    expect(basicAuthHeader('u', 'p')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
