import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../../stack/model/credentials.ts';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { secretEnvOf, StackModel, type Service } from '../../../stack/model/schema.ts';
import { runtimeFiles } from '../../../stack/launcher/runtime-files/index.ts';

const byName = (name: string): Service => ONYX_STACK.services.find((s) => s.name === name)!;
const issuesOf = (stack: unknown) => {
  const result = StackModel.safeParse(stack);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message).join('\n');
};

describe('how a service authenticates is data (its auth kind)', () => {
  const credentials = resolveCredentials({}).values;

  it('a web-config service gets its web config, with this run\'s hash, where its command reads it', () => {
    for (const name of ['prometheus', 'alertmanager']) {
      const service = byName(name);
      expect(service.auth.kind).toBe('web-config');
      const webConfig = runtimeFiles(ONYX_STACK, service, credentials).filter((f) => f.target.endsWith('/web-config.yml'));
      expect(webConfig).toHaveLength(1);
      expect(service.command).toContain(`--web.config.file=${webConfig[0]!.target}`);
      expect(webConfig[0]!.content).toContain(`${credentials.metricsUser}: $2`);
    }
  });

  it('an auth-proxied exporter gets the htpasswd and nginx.conf, and nothing else guards it', () => {
    const proxied = ONYX_STACK.services.filter((s) => s.auth.kind === 'auth-proxy').map((s) => s.name);
    expect(proxied).toEqual(expect.arrayContaining(['redis-exporter', 'supabase-exporter', 'node-exporter']));
    const targets = runtimeFiles(ONYX_STACK, byName('redis-exporter'), credentials).map((f) => f.target);
    expect(targets).toEqual(['/etc/onyx/htpasswd', '/etc/onyx/nginx.conf']);
  });

  it('a stub gets the metrics credentials in its environment from its auth kind, and no auth file', () => {
    const suna = byName('suna');
    expect(suna.auth.kind).toBe('stub-runtime');
    expect(secretEnvOf(suna)).toEqual({ METRICS_USER: 'metricsUser', METRICS_PASSWORD: 'metricsPassword' });
    expect(runtimeFiles(ONYX_STACK, suna, credentials)).toEqual([]);
    expect(secretEnvOf(byName('supabase-db'))).toEqual({ POSTGRES_PASSWORD: 'postgresPassword' });
  });

  it('rejects a web-config service whose command does not read the web config it is given', () => {
    const broken = structuredClone(ONYX_STACK);
    const prometheus = broken.services.find((s) => s.name === 'prometheus')!;
    prometheus.command = prometheus.command.filter((arg) => !arg.startsWith('--web.config.file='));
    expect(issuesOf(broken)).toContain('prometheus: its command must read --web.config.file=/etc/prometheus/web-config.yml, where its auth is written');
  });

  it('rejects an auth proxy whose exporter does not listen on its inner port', () => {
    const broken = structuredClone(ONYX_STACK);
    const exporter = broken.services.find((s) => s.name === 'redis-exporter')!;
    exporter.auth = { kind: 'auth-proxy', innerPort: 9999, extraPaths: [] };
    expect(issuesOf(broken)).toContain("redis-exporter: its command must make the exporter listen on 127.0.0.1:9999, the auth proxy's inner port");
  });

  it('starts a container as root only for the script that drops to an unprivileged user at once', () => {
    expect(ONYX_STACK.services.filter((s) => s.user !== undefined).map((s) => [s.name, s.user, ...s.command.slice(0, 3)])).toEqual([
      ['redis-exporter', 'root', 'keep-name-in-hosts', '--as', 'redis'],
    ]);
    const broken = structuredClone(ONYX_STACK);
    broken.services.find((s) => s.name === 'redis-exporter')!.command.splice(0, 5);
    expect(issuesOf(broken)).toContain('redis-exporter: started as root, it must run keep-name-in-hosts --as <an unprivileged user> first');
    const asRoot = structuredClone(ONYX_STACK);
    asRoot.services.find((s) => s.name === 'redis-exporter')!.command[2] = 'root';
    expect(issuesOf(asRoot)).toContain('redis-exporter: started as root, it must run keep-name-in-hosts --as <an unprivileged user> first');
  });

  it('finds the Prometheus, Alertmanager and Grafana by role, and refuses two services in one role', () => {
    expect(ONYX_STACK.services.filter((s) => s.role).map((s) => [s.role, s.name])).toEqual(
      expect.arrayContaining([['prometheus', 'prometheus'], ['alertmanager', 'alertmanager'], ['grafana', 'grafana']]),
    );
    const broken = structuredClone(ONYX_STACK);
    broken.services.find((s) => s.name === 'alertmanager')!.role = 'prometheus';
    expect(issuesOf(broken)).toContain('role prometheus is played by alertmanager and prometheus: at most one service per role');
  });
});
