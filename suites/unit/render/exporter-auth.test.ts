import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BCRYPT_COST,
  ExporterAuthError,
  renderHtpasswd,
  renderNginxAuthProxyConf,
  renderWebConfig,
} from '../../../stack/render/exporter-auth.ts';

const USER = 'prometheus';
const PASSWORD = 'Zx9-long_generated.password';

describe('renderWebConfig', () => {
  it('is YAML with one bcrypt (cost 10) user in basic_auth_users that verifies', () => {
    const parsed = parse(renderWebConfig(USER, PASSWORD)) as { basic_auth_users: Record<string, string> };
    expect(Object.keys(parsed)).toEqual(['basic_auth_users']);
    expect(Object.keys(parsed.basic_auth_users)).toEqual([USER]);
    const hash = parsed.basic_auth_users[USER]!;
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(bcrypt.getRounds(hash)).toBe(BCRYPT_COST);
    expect(bcrypt.compareSync(PASSWORD, hash)).toBe(true);
    expect(bcrypt.compareSync(`${PASSWORD}x`, hash)).toBe(false);
  });

  it('keeps users that YAML would otherwise misread', () => {
    for (const user of ['yes', '123', 'null', '#x', '- a', '*ref']) {
      const parsed = parse(renderWebConfig(user, PASSWORD)) as { basic_auth_users: Record<string, string> };
      expect(Object.keys(parsed.basic_auth_users)).toEqual([user]);
    }
  });

  it('salts: two renderings differ, never contain the password', () => {
    const a = renderWebConfig(USER, PASSWORD);
    expect(a).not.toBe(renderWebConfig(USER, PASSWORD));
    expect(a).not.toContain(PASSWORD);
  });
});

describe('renderHtpasswd', () => {
  it('is one user:{SSHA} line: salted SHA-1 of the password, salt appended, that nginx verifies', () => {
    const salt = Buffer.from('0123456789abcdef');
    const text = renderHtpasswd(USER, PASSWORD, salt);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [user, hash] = [lines[0]!.slice(0, lines[0]!.indexOf(':')), lines[0]!.slice(lines[0]!.indexOf(':') + 1)];
    expect(user).toBe(USER);
    expect(hash).toMatch(/^\{SSHA\}[A-Za-z0-9+/]+=*$/);
    const raw = Buffer.from(hash.slice('{SSHA}'.length), 'base64');
    expect(raw.subarray(20).equals(salt)).toBe(true);
    expect(raw.subarray(0, 20).equals(createHash('sha1').update(PASSWORD).update(salt).digest())).toBe(true);
    expect(raw.subarray(0, 20).equals(createHash('sha1').update('wrong').update(salt).digest())).toBe(false);
  });

  it('draws a fresh salt each time', () => {
    expect(renderHtpasswd(USER, PASSWORD)).not.toBe(renderHtpasswd(USER, PASSWORD));
  });
});

describe('credential checks', () => {
  it.each([
    ['', PASSWORD],
    ['a:b', PASSWORD],
    ['user\n', PASSWORD],
    [USER, ''],
    [USER, 'pass\nword'],
    [USER, 'x'.repeat(73)],
  ])('refuses user %j / password %j', (user, password) => {
    expect(() => renderWebConfig(user, password)).toThrow(ExporterAuthError);
    expect(() => renderHtpasswd(user, password)).toThrow(ExporterAuthError);
  });
});

describe('renderNginxAuthProxyConf', () => {
  const options = { listenPort: 9121, upstreamPort: 9122, htpasswdPath: '/etc/onyx/htpasswd', realm: 'metrics', paths: ['/metrics'] };
  const conf = renderNginxAuthProxyConf(options);
  const directives = conf
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);

  it('listens on listenPort and proxies to 127.0.0.1:upstreamPort', () => {
    expect(directives).toContain('listen 9121 default_server;');
    expect(directives).toContain('server 127.0.0.1:9122;');
    expect(directives).toContain('proxy_pass http://exporter;');
    expect(conf).not.toMatch(/listen\s+9122/);
  });

  it('proxies only GET and HEAD of the metrics path: other methods 405, other paths 404', () => {
    expect(directives).toContain('location = /metrics {');
    expect(directives).toContain('if ($request_method !~ ^(GET|HEAD)$) {');
    expect(directives).toContain('return 405;');
    expect(conf).toMatch(/location \/ \{\s*return 404;\s*\}/);
  });

  it('serves each given path the same way (blackbox_exporter: /metrics and /probe), nothing else', () => {
    const two = renderNginxAuthProxyConf({ ...options, paths: ['/metrics', '/probe'] });
    expect(two.match(/location = \/(metrics|probe) \{/g)).toEqual(['location = /metrics {', 'location = /probe {']);
    expect(two.match(/return 405;/g)).toHaveLength(2);
  });

  it('demands basic auth for the whole server from the given htpasswd file', () => {
    expect(directives).toContain('auth_basic "metrics";');
    expect(directives).toContain('auth_basic_user_file /etc/onyx/htpasswd;');
    expect(directives.filter((d) => d.startsWith('auth_basic'))).toHaveLength(2);
    expect(directives).not.toContain('auth_basic off;');
    expect(directives).toContain('proxy_set_header Authorization "";');
  });

  it('runs in the foreground as a non-root user: pid and temp paths under /tmp, logs to stderr, no version', () => {
    expect(directives).toContain('daemon off;');
    expect(directives).toContain('pid /tmp/nginx.pid;');
    expect(directives).toContain('error_log stderr warn;');
    expect(directives).toContain('access_log off;');
    expect(directives).toContain('server_tokens off;');
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      expect(directives.some((d) => d.startsWith(`${kind}_temp_path /tmp/`))).toBe(true);
    }
    expect(directives.some((d) => /^user\s/.test(d))).toBe(false);
  });

  it('is balanced and every simple directive ends with ;', () => {
    expect(conf.split('{').length).toBe(conf.split('}').length);
    for (const d of directives) expect(d.endsWith(';') || d.endsWith('{') || d === '}').toBe(true);
  });

  it('honours another run dir and other ports', () => {
    const other = renderNginxAuthProxyConf({ ...options, listenPort: 8443, upstreamPort: 18080, runDir: '/run/onyx' });
    expect(other).toContain('listen 8443 default_server;');
    expect(other).toContain('server 127.0.0.1:18080;');
    expect(other).toContain('pid /run/onyx/nginx.pid;');
  });

  it.each([
    [{ listenPort: 0 }],
    [{ upstreamPort: 70000 }],
    [{ upstreamPort: 9121 }],
    [{ htpasswdPath: 'relative/htpasswd' }],
    [{ htpasswdPath: '/etc/x;evil' }],
    [{ realm: 'a"b' }],
    [{ realm: '' }],
    [{ paths: [] }],
    [{ paths: ['/metrics', 'probe'] }],
  ])('refuses %j', (bad) => {
    expect(() => renderNginxAuthProxyConf({ ...options, ...bad })).toThrow(ExporterAuthError);
  });
});
