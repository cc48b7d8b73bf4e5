import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUB_BUNDLE_OPTIONS } from '../../../stack/stubs/bundle.ts';
import { basic, CREDS, GOOD_AUTH, sampleValue } from './helpers.ts';

// The entry point as the image runs it: one esbuild bundle, started by node with only an environment.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBundle(file: string, env: Record<string, string>, whileRunning?: (port: number) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let driving: Promise<void> | undefined;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /listening on [^:]+:(\d+)/.exec(stdout)?.[1];
      if (port && whileRunning && !driving) {
        driving = whileRunning(Number(port)).finally(() => child.kill('SIGTERM'));
        driving.catch(reject);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      void (driving ?? Promise.resolve()).then(() => resolve({ code, stdout, stderr }), reject);
    });
  });
}

describe('stub entry point, bundled', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stub-bundle-'));
    bundle = join(dir, 'stub.mjs');
    await build({ ...STUB_BUNDLE_OPTIONS, outfile: bundle, logLevel: 'silent' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an unknown instrumentation mode, and a switchable one for a stub that cannot switch, in one line each', async () => {
    const creds = { METRICS_USER: 'u', METRICS_PASSWORD: 'p', PORT: '0' };
    const unknown = await runBundle(bundle, { STUB_SERVICE: 'suna', ONYX_INSTRUMENTATION: 'of', ...creds });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('ONYX_INSTRUMENTATION');
    const fixed = await runBundle(bundle, { STUB_SERVICE: 'litellm', ONYX_INSTRUMENTATION: 'switchable', ...creds });
    expect(fixed.code).toBe(1);
    expect(fixed.stderr.trim().split('\n')).toHaveLength(1);
    expect(fixed.stderr).toContain('stub: cannot start litellm: ONYX_INSTRUMENTATION=switchable');
  });

  it('refuses to start without metrics credentials, in one line', async () => {
    const run = await runBundle(bundle, { STUB_SERVICE: 'qdrant' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('METRICS_USER is required');
    expect(run.stderr).toContain('METRICS_PASSWORD is required');
  });

  it('refuses an unknown service', async () => {
    const run = await runBundle(bundle, { STUB_SERVICE: 'redis', METRICS_USER: 'u', METRICS_PASSWORD: 'p' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^stub: cannot start: STUB_SERVICE/);
  });

  it('serves, guards its metrics, logs one line per start and stop without secrets, and exits 0 on SIGTERM', async () => {
    const env = {
      STUB_SERVICE: 'litellm',
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_USER: CREDS.user,
      METRICS_PASSWORD: CREDS.password,
      BACKGROUND_INTERVAL_MS: '25',
    };
    const run = await runBundle(bundle, env, async (port) => {
      const url = `http://127.0.0.1:${port}/metrics/`;
      expect((await request(url)).statusCode).toBe(401);
      expect((await request(url, { headers: { authorization: basic(CREDS.user, 'x') } })).statusCode).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      const ok = await request(url, { headers: { authorization: GOOD_AUTH } });
      expect(ok.statusCode).toBe(200);
      const text = await ok.body.text();
      expect(sampleValue(text, 'litellm_proxy_total_requests_metric_total', { status_code: '200', model_id: 'None' })).toBeGreaterThan(0);
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^stub litellm listening on 127\.0\.0\.1:\d+/);
    expect(lines[1]).toBe('stub litellm stopped');
    expect(run.stdout + run.stderr).not.toContain(CREDS.password);
    expect(run.stderr).toBe('');
  });
});
