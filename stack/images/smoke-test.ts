import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderHtpasswd, renderNginxAuthProxyConf, renderWebConfig } from '../render/exporter-auth.ts';
import { ensureAllImages, ImageError, type ImageName } from './build.ts';

// Smoke test of the images against a real Docker engine (not part of the unit project):
//   npx tsx stack/images/smoke-test.ts        (ONYX_STUB_ENTRY=<file.ts> to bundle another stub entry)
// Builds the images if needed, starts each as the launcher will (same commands, files copied in
// before start, ports on 127.0.0.1), checks it, and removes every container and network it made.

const exec = promisify(execFile);
const RUN = `onyx-smoke-${randomBytes(3).toString('hex')}`;
const LABEL = `org.onyx.monitoring.smoke=${RUN}`;
const NETWORK = RUN;
const USER = 'prometheus';
const PASSWORD = randomBytes(18).toString('base64url');
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const PG_PASSWORD = randomBytes(12).toString('base64url');

let failures = 0;
const pass = (what: string) => console.log(`  PASS ${what}`);
const fail = (what: string, why: string) => {
  failures++;
  console.log(`  FAIL ${what}: ${why}`);
};
async function check(what: string, test: () => Promise<string | void>): Promise<void> {
  try {
    const detail = await test();
    pass(detail ? `${what} (${detail})` : what);
  } catch (error) {
    fail(what, (error as Error).message.split('\n').slice(0, 6).join(' | '));
  }
}
function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 32 * 1024 * 1024 });
  return stdout.trim();
}

interface RunSpec {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string;
  env?: Record<string, string>;
  publish?: number[];
  files?: { path: string; content: string }[];
}

/** docker create, copy the files in (as the launcher does), docker start. */
async function start(spec: RunSpec): Promise<string> {
  const name = `${RUN}-${spec.name}`;
  const args = ['create', '--name', name, '--label', LABEL, '--network', NETWORK, '--network-alias', spec.name];
  for (const [k, v] of Object.entries(spec.env ?? {})) args.push('--env', `${k}=${v}`);
  for (const port of spec.publish ?? []) args.push('--publish', `127.0.0.1::${port}`);
  if (spec.entrypoint !== undefined) args.push('--entrypoint', spec.entrypoint);
  args.push(spec.image, ...(spec.command ?? []));
  await docker(...args);
  if (spec.files?.length) {
    const dir = await mkdtemp(join(tmpdir(), 'onyx-smoke-files-'));
    try {
      for (const file of spec.files) {
        const local = join(dir, file.path.replaceAll('/', '_'));
        await writeFile(local, file.content);
        await chmod(local, 0o644);
        await docker('cp', local, `${name}:${file.path}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  await docker('start', name);
  return name;
}

async function hostPort(container: string, port: number): Promise<number> {
  const out = await docker('port', container, `${port}/tcp`);
  const match = /127\.0\.0\.1:(\d+)/.exec(out);
  if (!match) throw new Error(`no 127.0.0.1 binding for ${container}:${port} (${out})`);
  return Number(match[1]);
}

async function get(url: string, authorization?: string): Promise<{ status: number; body: string; ms: number }> {
  const began = performance.now();
  const response = await fetch(url, { headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(5000) });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - began };
}

/** Polls until test passes; the error names what was awaited. */
async function waitFor(what: string, seconds: number, test: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await test()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

async function logs(container: string): Promise<string> {
  const { stdout, stderr } = await exec('docker', ['logs', container]).catch((e) => e as { stdout: string; stderr: string });
  return `${stdout}${stderr}`;
}

async function authChecks(what: string, url: string, expectInBody: RegExp): Promise<void> {
  await check(`${what}: 401 without credentials`, async () => {
    const r = await get(url);
    expect(r.status === 401, `got ${r.status}`);
  });
  await check(`${what}: 401 with a wrong password`, async () => {
    const r = await get(url, `Basic ${Buffer.from(`${USER}:wrong`).toString('base64')}`);
    expect(r.status === 401, `got ${r.status}`);
  });
  await check(`${what}: malformed Authorization headers get 400/401`, async () => {
    const odd = ['Basic !!!not-base64', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${'A'.repeat(6000)}`, 'Bearer x', 'Basic'];
    const statuses = [];
    for (const header of odd) statuses.push((await get(url, header)).status);
    expect(statuses.every((s) => s === 400 || s === 401), `got ${statuses.join(',')}`);
    return statuses.join(',');
  });
  await check(`${what}: 200 with credentials and ${expectInBody}`, async () => {
    const r = await get(url, AUTH);
    expect(r.status === 200, `got ${r.status}`);
    expect(expectInBody.test(r.body), `body lacks ${expectInBody}`);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) times.push((await get(url, AUTH)).ms);
    times.sort((a, b) => a - b);
    return `median of 20 authenticated GETs ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms`;
  });
}

async function main(): Promise<void> {
  console.log(`[smoke] run ${RUN}: building images if needed`);
  const results = await ensureAllImages({});
  const tag = Object.fromEntries(results.map((r) => [r.name, r.tag])) as Record<ImageName, string>;
  await docker('network', 'create', '--label', LABEL, NETWORK);
  const webConfig = renderWebConfig(USER, PASSWORD);

  console.log('[smoke] prometheus');
  await check('promtool --version', async () => {
    const out = await docker('run', '--rm', '--label', LABEL, '--entrypoint', 'promtool', tag.prometheus, '--version');
    expect(/promtool, version 2\.42/.test(out), out);
    return out.split('\n')[0];
  });
  await check('prometheus runs as a non-root user', async () => {
    const out = await docker('run', '--rm', '--label', LABEL, '--entrypoint', 'id', tag.prometheus);
    expect(!out.startsWith('uid=0'), out);
    return out;
  });
  const promConfig = `global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: prometheus\n    basic_auth:\n      username: ${USER}\n      password_file: /etc/prometheus/secrets/metrics-password\n    static_configs:\n      - targets: ['localhost:9090']\n`;
  const prometheus = await start({
    name: 'prometheus',
    image: tag.prometheus,
    command: ['--config.file=/etc/prometheus/prometheus.yml', '--web.config.file=/etc/prometheus/web-config.yml', '--storage.tsdb.path=/prometheus', '--web.listen-address=:9090', '--web.enable-lifecycle'],
    publish: [9090],
    files: [
      { path: '/etc/prometheus/prometheus.yml', content: promConfig },
      { path: '/etc/prometheus/web-config.yml', content: webConfig },
      { path: '/etc/prometheus/secrets/metrics-password', content: PASSWORD },
    ],
  });
  const promPort = await hostPort(prometheus, 9090);
  await check('prometheus answers /-/ready (with credentials)', async () => {
    await waitFor('prometheus /-/ready', 30, async () => (await get(`http://127.0.0.1:${promPort}/-/ready`, AUTH)).status === 200);
  });
  await check('promtool check config in the container', async () => {
    const out = await docker('exec', prometheus, 'promtool', 'check', 'config', '/etc/prometheus/prometheus.yml');
    expect(/SUCCESS/.test(out), out);
  });
  await authChecks('prometheus /-/ready', `http://127.0.0.1:${promPort}/-/ready`, /Ready/);
  await check('prometheus scrapes itself with basic auth (up == 1)', async () => {
    await waitFor('up{job="prometheus"} == 1', 40, async () => {
      const r = await get(`http://127.0.0.1:${promPort}/api/v1/query?query=up`, AUTH);
      return /"value":\[[^\]]*,"1"\]/.test(r.body);
    });
  });
  await check('POST /-/reload (--web.enable-lifecycle)', async () => {
    const response = await fetch(`http://127.0.0.1:${promPort}/-/reload`, { method: 'POST', headers: { authorization: AUTH } });
    expect(response.status === 200, `got ${response.status}`);
  });

  console.log('[smoke] alertmanager');
  const alertmanager = await start({ name: 'alertmanager', image: tag.alertmanager, publish: [9093] });
  const amPort = await hostPort(alertmanager, 9093);
  await check('alertmanager answers /-/ready', async () => {
    await waitFor('alertmanager /-/ready', 30, async () => (await get(`http://127.0.0.1:${amPort}/-/ready`)).status === 200);
  });

  console.log('[smoke] node-exporter');
  const nodeExporter = await start({
    name: 'node-exporter',
    image: tag['node-exporter'],
    command: ['--web.config.file=/etc/onyx/web-config.yml', '--web.listen-address=:9100'],
    publish: [9100],
    files: [{ path: '/etc/onyx/web-config.yml', content: webConfig }],
  });
  const nodePort = await hostPort(nodeExporter, 9100);
  await waitFor('node-exporter on :9100', 20, async () => (await get(`http://127.0.0.1:${nodePort}/metrics`)).status === 401).catch(() => undefined);
  await authChecks('node-exporter /metrics', `http://127.0.0.1:${nodePort}/metrics`, /^node_cpu_seconds_total/m);

  console.log('[smoke] redis');
  const redis = await start({ name: 'redis', image: tag.redis, command: ['redis-server', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'] });
  await check('redis-server answers PING', async () => {
    await waitFor('redis PONG', 20, async () => (await docker('exec', redis, 'redis-cli', 'ping')) === 'PONG');
    return (await docker('exec', redis, 'id')).split(' ')[0];
  });
  const htpasswdPath = '/etc/onyx/htpasswd';
  const redisExporter = await start({
    name: 'redis-exporter',
    image: tag.redis,
    command: ['run-behind-auth-proxy', '/etc/onyx/nginx.conf', 'prometheus-redis-exporter', '--web.listen-address=127.0.0.1:9122', '--redis.addr=redis://redis:6379'],
    publish: [9121],
    files: [
      { path: htpasswdPath, content: renderHtpasswd(USER, PASSWORD) },
      { path: '/etc/onyx/nginx.conf', content: renderNginxAuthProxyConf({ listenPort: 9121, upstreamPort: 9122, htpasswdPath, realm: 'metrics' }) },
    ],
  });
  const redisPort = await hostPort(redisExporter, 9121);
  await waitFor('nginx on :9121', 20, async () => (await get(`http://127.0.0.1:${redisPort}/metrics`)).status === 401).catch(() => undefined);
  await authChecks('redis-exporter behind nginx /metrics', `http://127.0.0.1:${redisPort}/metrics`, /^redis_up 1$/m);
  await check('redis_exporter is not reachable on :9122 from the network', async () => {
    const out = await docker('exec', redis, 'bash', '-c', `exec 3<>/dev/tcp/redis-exporter/9122 && echo open || echo closed`).catch(() => 'closed');
    expect(out.trim() !== 'open', out);
  });
  await check('the proxy container exits non-zero when the exporter dies', async () => {
    await docker('exec', redisExporter, 'sh', '-c', 'kill $(pidof prometheus-redis-exporter)');
    const code = await docker('wait', redisExporter);
    expect(code !== '0', `exit ${code}`);
    return `exit ${code}`;
  });

  console.log('[smoke] postgres');
  const db = await start({ name: 'supabase-db', image: tag.postgres, env: { POSTGRES_PASSWORD: PG_PASSWORD } });
  await check('postgres initialises and accepts connections', async () => {
    await waitFor('"database system is ready to accept connections"', 60, async () => /database system is ready to accept connections/.test(await logs(db)));
    return (await docker('exec', db, 'id')).split(' ')[0];
  });
  await check('a network client logs in with the password (scram-sha-256)', async () => {
    const out = await docker('exec', '--env', `PGPASSWORD=${PG_PASSWORD}`, db, 'psql', '-h', 'supabase-db', '-U', 'postgres', '-tAc', 'select 1');
    expect(out === '1', out);
  });
  await check('a network client with a wrong password is refused', async () => {
    const refused = await docker('exec', '--env', 'PGPASSWORD=wrong', db, 'psql', '-h', 'supabase-db', '-U', 'postgres', '-tAc', 'select 1').then(
      () => false,
      (e: { stderr?: string }) => /password authentication failed/.test(e.stderr ?? ''),
    );
    expect(refused, 'not refused');
  });
  const pgExporter = await start({
    name: 'supabase-exporter',
    image: tag.postgres,
    command: ['prometheus-postgres-exporter', '--web.config.file=/etc/onyx/web-config.yml', '--web.listen-address=:9187'],
    env: { DATA_SOURCE_URI: 'supabase-db:5432/postgres?sslmode=disable', DATA_SOURCE_USER: 'postgres', DATA_SOURCE_PASS: PG_PASSWORD },
    publish: [9187],
    files: [{ path: '/etc/onyx/web-config.yml', content: webConfig }],
  });
  const pgPort = await hostPort(pgExporter, 9187);
  await waitFor('postgres exporter on :9187', 20, async () => (await get(`http://127.0.0.1:${pgPort}/metrics`)).status === 401).catch(() => undefined);
  await authChecks('postgres-exporter /metrics', `http://127.0.0.1:${pgPort}/metrics`, /^pg_up 1$/m);

  console.log('[smoke] stub');
  const stub = await start({
    name: 'onyx-core',
    image: tag.stub,
    env: { STUB_SERVICE: 'onyx-core', PORT: '8080', METRICS_USER: USER, METRICS_PASSWORD: PASSWORD },
    publish: [8080],
  });
  const stubPort = await hostPort(stub, 8080);
  await check('stub runs and answers /health', async () => {
    await waitFor('stub /health', 20, async () => (await get(`http://127.0.0.1:${stubPort}/health`)).status === 200);
    return `node ${await docker('exec', stub, 'node', '--version')}, ${(await docker('exec', stub, 'id')).split(' ')[0]}`;
  });
  await check('stub /metrics answers (prom-client works in the bundle)', async () => {
    const r = await get(`http://127.0.0.1:${stubPort}/metrics`, AUTH);
    expect(r.status === 200 && /process_cpu_user_seconds_total|nodejs_/.test(r.body), `got ${r.status}`);
  });
}

async function cleanup(): Promise<void> {
  const ids = await docker('ps', '-aq', '--filter', `label=${LABEL}`).catch(() => '');
  if (ids) await docker('rm', '-f', '-v', ...ids.split('\n')).catch(() => undefined);
  await docker('network', 'rm', NETWORK).catch(() => undefined);
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    console.log(`\n[smoke] ${signal}: removing this run's containers and network`);
    void cleanup().finally(() => process.exit(code));
  });
}

try {
  await main();
} catch (error) {
  failures++;
  console.log(`[smoke] ${error instanceof ImageError ? 'image build failed' : 'aborted'}: ${(error as Error).message}`);
} finally {
  await cleanup();
}
console.log(failures === 0 ? '[smoke] all checks passed' : `[smoke] ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
