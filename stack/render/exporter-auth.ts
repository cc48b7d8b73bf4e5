import bcrypt from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { EXPORTER_CONFIG_DIR } from '../model/container-paths.ts';
import { basicAuthProblem } from '../model/credentials.ts';
import type { Service } from '../model/schema.ts';

// Basic-auth files for Prometheus, Alertmanager and the exporters. Pure functions: no I/O, the
// launcher copies the results into the containers. Files that carry the run's secret (web configs
// with a bcrypt hash, the htpasswd) are rendered at start and never committed; an exporter's
// nginx.conf and the web config's shape carry none and are committed under stack/generated/.
//   - renderWebConfig: the `--web.config.file` of Prometheus and Alertmanager (exporter-toolkit).
//   - renderHtpasswd + renderNginxAuthProxyConf: nginx doing basic auth in front of an exporter
//     (auth kind `auth-proxy` in the model), see stack/images/shared/run-behind-auth-proxy.

/** bcrypt cost of the hashes in web configs (exporter-toolkit caches a successful check). */
export const BCRYPT_COST = 10;

export class ExporterAuthError extends Error {
  override name = 'ExporterAuthError';
}

function checkCredentials(user: string, password: string): void {
  for (const [kind, value] of [['user', user], ['password', password]] as const) {
    if (value.length === 0) throw new ExporterAuthError(`basic auth ${kind} is empty`);
    const problem = basicAuthProblem(kind, value);
    if (problem) throw new ExporterAuthError(`basic auth ${kind} ${problem}`);
  }
  // bcrypt only uses the first 72 bytes: a longer password would silently match its prefix.
  if (Buffer.byteLength(password, 'utf8') > 72) {
    throw new ExporterAuthError('basic auth password is longer than 72 bytes (bcrypt ignores the rest)');
  }
}

/** A bcrypt hash (`$2b$10$...`); glibc/libxcrypt's crypt() and Go's x/crypto/bcrypt both verify it. */
export function bcryptHash(password: string, cost: number = BCRYPT_COST): string {
  return bcrypt.hashSync(password, cost);
}

/**
 * The YAML of a Prometheus exporter's `--web.config.file` (node_exporter 1.5, postgres_exporter
 * 0.11, Prometheus 2.42 itself): basic auth with one user, bcrypt-hashed. Exporter-toolkit caches a
 * successful check, so the bcrypt cost is paid once per credential, not per scrape.
 */
export function renderWebConfig(user: string, password: string): string {
  checkCredentials(user, password);
  const body = stringify({ basic_auth_users: { [user]: bcryptHash(password) } });
  return `# Rendered by stack/render/exporter-auth.ts for this run; do not commit.\n${body}`;
}

/**
 * The committed, readable shape of a web config: the same keys, with a placeholder where the run's
 * bcrypt hash goes. Not loadable as is; the launcher writes the real file at start.
 */
export function renderWebConfigShape(user: string): string {
  const body = stringify({ basic_auth_users: { [user]: `<bcrypt hash (cost ${BCRYPT_COST}) of ONYX_METRICS_PASSWORD, written at start>` } });
  return `# Shape of the --web.config.file of Prometheus, node-exporter and postgres_exporter.
# Rendered by stack/render/exporter-auth.ts. The real file carries a bcrypt hash of the run's
# password (ONYX_METRICS_PASSWORD, generated per run when unset), so it is written into the
# container at start and never committed.
${body}`;
}

/**
 * One htpasswd line for nginx's `auth_basic_user_file`, as RFC 2307 salted SHA-1 (`{SSHA}`, which
 * nginx verifies itself). nginx checks the hash on every request and caches nothing. Measured in
 * the redis-exporter container (0.1 CPU, one request at a time, 420 each): CPU per request 3.8
 * and 4.0 ms with bcrypt cost 5, 3.0 with cost 4, 1.9 with {SSHA}; the scrape itself is the rest.
 * A slow hash guards a leaked file against guessing; this file never leaves the container, lives
 * for one run, and the same secret sits in the stubs' environment and Prometheus's password file
 * anyway. A generated password carries 144 random bits, beyond any guessing however fast the hash;
 * an operator who sets a weak ONYX_METRICS_PASSWORD weakens every endpoint, not this file alone.
 */
export function renderHtpasswd(user: string, password: string, salt: Buffer = randomBytes(16)): string {
  checkCredentials(user, password);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `${user}:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}\n`;
}

export interface NginxAuthProxyOptions {
  /** The published port nginx listens on (all addresses of the container). */
  listenPort: number;
  /** The exporter's port on 127.0.0.1 inside the container. */
  upstreamPort: number;
  /** Absolute path of the htpasswd file inside the container. */
  htpasswdPath: string;
  /** The basic-auth realm shown to clients. */
  realm: string;
  /** The only paths served (the metrics path, and blackbox_exporter's /probe); any other is a 404. */
  paths: readonly string[];
  /** Writable directory for the pid file and nginx's temp paths (default /tmp). */
  runDir?: string;
}

function checkPort(what: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ExporterAuthError(`${what} ${port} is not a TCP port`);
}

function checkPath(what: string, path: string): void {
  if (!/^\/[A-Za-z0-9._\/-]*$/.test(path)) {
    throw new ExporterAuthError(`${what} ${JSON.stringify(path)} must be an absolute path of [A-Za-z0-9._/-]`);
  }
}

/** One exact location: GET and HEAD go to the exporter (query string included), any other method is a 405. */
function proxiedLocation(path: string): string {
  return `        location = ${path} {
            if ($request_method !~ ^(GET|HEAD)$) {
                return 405;
            }
            proxy_pass http://exporter;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The exporter needs no credentials: they stop here.
            proxy_set_header Authorization "";
            # Uncompressed from the exporter: on the stack network gzip saves nothing worth its CPU,
            # about 1.5 ms of a redis or postgres exporter's cold 15 s scrape (perf4, 2026-12-05).
            proxy_set_header Accept-Encoding "";
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }`;
}

/**
 * A complete nginx.conf (nginx 1.22) for a non-root user: foreground, pid and temp paths under
 * runDir, error log to stderr, no access log, no version in headers or error pages; one server on
 * listenPort that demands basic auth and proxies GET and HEAD of each path to 127.0.0.1:upstreamPort.
 * Any other method there is a 405 and any other path a 404 (the exporter itself would answer 200 to
 * both); nginx answers these in its rewrite phase, before auth, so they reveal nothing.
 */
export function renderNginxAuthProxyConf(options: NginxAuthProxyOptions): string {
  const { listenPort, upstreamPort, htpasswdPath, realm, paths } = options;
  const runDir = options.runDir ?? '/tmp';
  checkPort('listenPort', listenPort);
  checkPort('upstreamPort', upstreamPort);
  if (listenPort === upstreamPort) throw new ExporterAuthError('listenPort and upstreamPort must differ');
  checkPath('htpasswdPath', htpasswdPath);
  if (paths.length === 0) throw new ExporterAuthError('the auth proxy needs at least one path to serve');
  for (const path of paths) checkPath('path', path);
  checkPath('runDir', runDir);
  if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(realm)) throw new ExporterAuthError(`realm ${JSON.stringify(realm)} must be 1-64 of [A-Za-z0-9 ._-]`);
  const dir = runDir.replace(/\/+$/, '') || '';
  return `# Rendered by stack/render/exporter-auth.ts: basic auth in front of an exporter that has none.
# Runs as a non-root user: every path nginx writes is under ${dir || '/'}.
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;

events {
    worker_connections 256;
}

http {
    access_log off;
    server_tokens off;
    default_type text/plain;
    client_body_temp_path ${dir}/nginx-client-body;
    proxy_temp_path ${dir}/nginx-proxy;
    fastcgi_temp_path ${dir}/nginx-fastcgi;
    uwsgi_temp_path ${dir}/nginx-uwsgi;
    scgi_temp_path ${dir}/nginx-scgi;
    keepalive_timeout 65s;

    upstream exporter {
        server 127.0.0.1:${upstreamPort};
        keepalive 4;
    }

    server {
        listen ${listenPort} default_server;
        server_name _;

        auth_basic "${realm}";
        auth_basic_user_file ${htpasswdPath};

        location / {
            return 404;
        }

${paths.map(proxiedLocation).join('\n')}
    }
}
`;
}

/** Where nginx reads the htpasswd inside an auth-proxied exporter's container. */
export const AUTH_PROXY_HTPASSWD_PATH = `${EXPORTER_CONFIG_DIR}/htpasswd`;

/** The nginx.conf of an exporter behind the auth proxy (auth kind `auth-proxy`): listens on its scrape port, proxies inward. */
export function renderAuthProxyConfFor(service: Service): string {
  const auth = service.auth;
  if (!service.scrape || auth.kind !== 'auth-proxy') throw new ExporterAuthError(`${service.name} has no auth proxy in the model`);
  return renderNginxAuthProxyConf({
    listenPort: service.scrape.port,
    upstreamPort: auth.innerPort,
    htpasswdPath: AUTH_PROXY_HTPASSWD_PATH,
    realm: 'metrics',
    paths: [service.scrape.metricsPath, ...auth.extraPaths],
  });
}
