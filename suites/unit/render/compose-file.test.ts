import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HEALTH_CREDENTIALS_FILE, monitoringServices } from '../../../stack/deploy/runtime-files.ts';
import { deploymentCredentials, writeDeploymentFiles } from '../../../stack/deploy/secrets.ts';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { healthTest, renderComposeFile, VPS_NETWORK } from '../../../stack/render/compose-file.ts';

const compose = parse(renderComposeFile(ONYX_STACK)) as {
  services: Record<string, { image: string; ports?: string[]; networks: string[]; cpu_period: number; cpu_quota: number; cpus?: number; mem_limit: string; volumes?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] }; deploy: { resources: { limits: { cpus?: string; memory: string } } } }>;
  networks: Record<string, { external: boolean; name: string }>;
  volumes: Record<string, unknown>;
};
const deployed = monitoringServices(ONYX_STACK);
const env = { ONYX_METRICS_PASSWORD: 'unit-metrics-secret', ONYX_POSTGRES_PASSWORD: 'unit-pg-secret', ONYX_GRAFANA_ADMIN_PASSWORD: 'unit-grafana-secret' };

describe('the VPS Compose file rendered from the model', () => {
  it('runs every monitoring service of the model and none of the ONYX services it watches', () => {
    expect(Object.keys(compose.services).sort()).toEqual(deployed.map((s) => s.name).sort());
    for (const s of ONYX_STACK.services.filter((x) => x.deployedBy === 'onyx')) expect(compose.services[s.name], s.name).toBeUndefined();
    expect(compose.services.prometheus).toBeDefined();
  });

  it('puts every service on the external manus-network, with the caps of the profile in both Compose dialects', () => {
    expect(compose.networks[VPS_NETWORK]).toEqual({ external: true, name: '${ONYX_NETWORK:-manus-network}' });
    for (const s of deployed) {
      const c = compose.services[s.name]!;
      const cap = ONYX_STACK.profile.caps[s.name]!;
      expect(c.networks, s.name).toEqual([VPS_NETWORK]);
      // The CPU cap as a quota over the profile's 1 s CFS period; `cpus` (a 100 ms period) must be absent, the engine refuses both.
      expect(c.cpu_period, s.name).toBe(1_000_000);
      expect(c.cpu_quota, s.name).toBe(Math.round(cap.cpu * 1_000_000));
      expect(c.cpus, s.name).toBeUndefined();
      expect(c.mem_limit, s.name).toBe(`${cap.memoryMiB}m`);
      expect(c.deploy.resources.limits, s.name).toEqual({ memory: `${cap.memoryMiB}M` });
    }
  });

  it('publishes ports on 127.0.0.1 only, and keeps Prometheus data in a named volume', () => {
    const ports = Object.values(compose.services).flatMap((c) => c.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const p of ports) expect(p).toMatch(/^127\.0\.0\.1:\$\{ONYX_PORT_[A-Z_]+-\d+\}:\d+$/);
    expect(compose.volumes).toHaveProperty('prometheus-data');
    expect(compose.services.prometheus!.volumes).toContain('prometheus-data:/prometheus');
  });

  it('reads every password from a variable the operator must set, never a value', () => {
    const envValues = Object.values(compose.services).flatMap((c) => Object.values(c.environment ?? {}));
    const pass = envValues.filter((v) => /PASSWORD/.test(v));
    expect(pass.length).toBeGreaterThan(0);
    for (const v of pass) expect(v).toMatch(/^\$\{ONYX_[A-Z_]+:\?set ONYX_[A-Z_]+ in \.env\}$/);
  });

  it('mounts every secret-bearing file from the runtime folder, and gives every HTTP service a health check', () => {
    for (const s of deployed) {
      const c = compose.services[s.name]!;
      // An image not built here (Grafana's) has no bash: busybox wget.
      // redis-exporter starts as root for its start script; its check runs as the user it drops to.
      const drop = s.user ? ['setpriv', '--reuid=redis', '--regid=redis', '--init-groups', '--no-new-privs', '--'] : [];
      if (s.health.kind === 'http') expect(c.healthcheck?.test.slice(0, 3 + drop.length), s.name).toEqual(s.externalImage ? ['CMD', 'wget', '-q'] : ['CMD', ...drop, 'bash', '-c']);
      if (s.health.kind === 'http' && s.health.withMetricsAuth) {
        expect(c.volumes, s.name).toContain(`\${ONYX_RUNTIME_DIR:-./runtime}/${s.name}${HEALTH_CREDENTIALS_FILE}:${HEALTH_CREDENTIALS_FILE}:ro`);
      }
    }
    expect(compose.services.prometheus!.volumes).toContain(
      '${ONYX_RUNTIME_DIR:-./runtime}/prometheus/etc/prometheus/secrets/metrics-password:/etc/prometheus/secrets/metrics-password:ro',
    );
  });
});

describe('the Compose health check', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // The check is bash over /dev/tcp: run it for real against a server that wants basic auth.
  async function runCheck(credentials: string): Promise<number> {
    dir ||= await mkdtemp(join(tmpdir(), 'onyx-health-'));
    const file = join(dir, 'credentials');
    await writeFile(file, credentials);
    const server = createServer((req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from('prometheus:right').toString('base64')}`;
      res.writeHead(ok ? 200 : 401).end(ok ? 'up 1\n' : '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const script = healthTest(ONYX_STACK.services.find((s) => s.name === 'node-exporter')!)![3]!
      .replaceAll('$$', '$')
      .replace('/127.0.0.1/9100', `/127.0.0.1/${port}`)
      .replace(HEALTH_CREDENTIALS_FILE, file);
    try {
      await promisify(execFile)('bash', ['-c', script]);
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    } finally {
      server.close();
    }
  }

  it('is healthy on 200 with the right credentials and unhealthy on 401 with wrong ones', async () => {
    expect(await runCheck('prometheus:right')).toBe(0);
    expect(await runCheck('prometheus:wrong')).not.toBe(0);
  });
});

describe('the deployment secrets', () => {
  it('come only from the environment: a missing password is named, never generated', () => {
    expect(() => deploymentCredentials({ ONYX_METRICS_PASSWORD: 'x' })).toThrow(/^ONYX_POSTGRES_PASSWORD, ONYX_GRAFANA_ADMIN_PASSWORD not set/);
    expect(deploymentCredentials(env)).toEqual({
      metricsUser: 'prometheus',
      metricsPassword: env.ONYX_METRICS_PASSWORD,
      postgresPassword: env.ONYX_POSTGRES_PASSWORD,
      grafanaAdminUser: 'admin',
      grafanaAdminPassword: env.ONYX_GRAFANA_ADMIN_PASSWORD,
    });
  });

  it('are written where the Compose file mounts them, in a 0700 folder as 0444 files', async () => {
    const out = await mkdtemp(join(tmpdir(), 'onyx-runtime-'));
    try {
      const written = await writeDeploymentFiles(ONYX_STACK, out, deploymentCredentials(env));
      await writeDeploymentFiles(ONYX_STACK, out, deploymentCredentials(env)); // again: replaces read-only files
      const mounted = Object.values(compose.services)
        .flatMap((c) => c.volumes ?? [])
        .filter((v) => v.startsWith('${ONYX_RUNTIME_DIR'))
        .map((v) => join(out, v.split(':')[1]!.replace('-./runtime}', '')));
      expect(written.sort()).toEqual(mounted.sort());
      expect((await stat(out)).mode & 0o777).toBe(0o700);
      for (const f of written) expect((await stat(f)).mode & 0o777, f).toBe(0o444);
      expect(await readFile(join(out, 'prometheus/etc/prometheus/secrets/metrics-password'), 'utf8')).toBe(env.ONYX_METRICS_PASSWORD);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

const composeBinary = (() => {
  try {
    return execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
const describeCompose = composeBinary ? describe : describe.skip;
const why = composeBinary ? `docker-compose ${composeBinary}` : 'NOT VERIFIED: docker-compose is not installed (stack/engine/bootstrap-docker.sh installs it)';

describeCompose(`docker-compose config on the rendered file (${why})`, () => {
  const file = join(process.cwd(), 'stack/generated/docker-compose.monitoring.yml');
  const config = (extra: Record<string, string>) =>
    promisify(execFile)('docker-compose', ['-f', file, 'config'], { env: { PATH: process.env.PATH, ...extra } });

  it('passes with the operator variables set', async () => {
    const { stdout } = await config(env);
    expect(stdout).toContain('unit-pg-secret');
    expect(stdout).toMatch(/127\.0\.0\.1:9090:9090/);
  });

  it('refuses to run without a password, naming the variable', async () => {
    await expect(config({ ONYX_METRICS_PASSWORD: 'x' })).rejects.toThrow(/set ONYX_POSTGRES_PASSWORD in \.env/);
  });
});
