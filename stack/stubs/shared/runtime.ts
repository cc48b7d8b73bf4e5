import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { stubServiceInfo, type StubService } from '../../model/stub-services.ts';
import { startBackground, type Background } from './background.ts';
import { createBasicAuthCheck, WWW_AUTHENTICATE } from './basic-auth.ts';
import { exposition } from './exposition.ts';
import { createHttpServer, HttpError, oneLine, type ResponseInfo, type Route } from './http-server.ts';
import { instrumentationControlRoute } from './instrumentation-control.ts';
import { createInstrumentationState, INSTRUMENTATION_CONTROL_PATH, instrumentationMode, type InstrumentationState } from './instrumentation.ts';

// What every stub shares: /health, the metrics path behind basic auth, the server's lifecycle,
// and the background activity, which calls the stub's own API over loopback.

export const DEFAULT_BACKGROUND_INTERVAL_MS = 2000;

export interface StubOptions {
  /** Defaults to the product's port; 0 picks a free one. */
  port?: number;
  /** Defaults to 0.0.0.0, as inside a container. */
  host?: string;
  metricsUser: string;
  metricsPassword: string;
  /** Defaults to 2000; 0 disables the background activity. */
  backgroundIntervalMs?: number;
  log?(line: string): void;
}

export interface Stub {
  service: StubService;
  port: number;
  metricsPath: string;
  healthPath: string;
  registry: Registry;
  /** Resolves with the bound port. A stub starts once. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

export interface LoopbackClient {
  /** Calls the stub's own API on 127.0.0.1 and returns the status code. */
  call(method: string, path: string, body?: unknown): Promise<number>;
}

/** Given to each stub's factory. */
export interface StubLifecycle {
  /** Aborts when the stub stops, so dictated waits end early. */
  stopping: AbortSignal;
  /** The shared instrumentation's state (instrumentation.ts); only a switchable stub sees it change. */
  instrumentation: InstrumentationState;
}

export interface StubDefinition {
  registry: Registry;
  routes: Route[];
  bodyLimitBytes?: number;
  errorBody?(status: number, message: string): unknown;
  onResponse?(info: ResponseInfo): void;
  backgroundTick?(client: LoopbackClient): Promise<void>;
  /** Its instrumentation is all the shared one, so ONYX_INSTRUMENTATION=switchable can switch it. */
  switchable?: boolean;
}

function loopbackClient(port: number, signal: AbortSignal): LoopbackClient {
  return {
    call(method, path, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent: false,
            signal,
            timeout: 10_000,
            headers: payload === undefined ? {} : { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`background call ${method} ${path} timed out`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

/** The bench's switching is not part of what the stub's request metrics count. */
function withoutControlRoute(onResponse: StubDefinition['onResponse']): StubDefinition['onResponse'] {
  return onResponse && ((info) => info.route !== INSTRUMENTATION_CONTROL_PATH && onResponse(info));
}

export function createStubRuntime(
  build: (lifecycle: StubLifecycle) => StubDefinition,
  service: StubService,
  options: StubOptions,
): Stub {
  const info = stubServiceInfo(service);
  const log = options.log ?? ((line: string) => console.log(line));
  const stopping = new AbortController();
  const mode = instrumentationMode();
  const instrumentation = createInstrumentationState(mode !== 'off');
  const definition = build({ stopping: stopping.signal, instrumentation });
  if (mode === 'switchable' && !definition.switchable) {
    throw new Error(`ONYX_INSTRUMENTATION=switchable: the ${service} stub has instrumentation of its own that cannot be switched at run time; use on or off`);
  }
  const { registry } = definition;
  const checkMetricsAuth = createBasicAuthCheck({ user: options.metricsUser, password: options.metricsPassword });
  const intervalMs = options.backgroundIntervalMs ?? DEFAULT_BACKGROUND_INTERVAL_MS;
  const port = options.port ?? info.defaultPort;
  const host = options.host ?? '0.0.0.0';

  const requireMetricsAuth = (authorization: string | string[] | undefined): void => {
    const auth = checkMetricsAuth(authorization);
    if (!auth.ok) {
      throw new HttpError(auth.status, auth.reason, auth.status === 401 ? { 'www-authenticate': WWW_AUTHENTICATE } : {});
    }
  };

  const routes: Route[] = [
    { method: 'GET', template: info.healthPath, handler: () => ({ text: 'ok' }) },
    {
      method: 'GET',
      template: info.metricsPath,
      handler: async ({ req }) => {
        requireMetricsAuth(req.headers.authorization);
        return { text: await exposition(registry), contentType: registry.contentType };
      },
    },
    ...(mode === 'switchable' ? [instrumentationControlRoute(instrumentation)] : []),
    ...definition.routes,
  ];
  if (info.metricsPath.length > 1 && info.metricsPath.endsWith('/')) {
    // As a mounted ASGI app does: the path without its slash redirects to the mount.
    routes.push({
      method: 'GET',
      template: info.metricsPath.slice(0, -1),
      handler: ({ req }) => {
        requireMetricsAuth(req.headers.authorization);
        return { status: 307, headers: { location: info.metricsPath } };
      },
    });
  }

  const server = createHttpServer({
    routes,
    bodyLimitBytes: definition.bodyLimitBytes,
    errorBody: definition.errorBody,
    onResponse: mode === 'switchable' ? withoutControlRoute(definition.onResponse) : definition.onResponse,
    onHandlerBug: (error) =>
      log(`stub ${service}: handler error: ${oneLine(error instanceof Error ? `${error.name}: ${error.message}` : 'unknown')}`),
  });

  let background: Background | undefined;
  let started = false;
  let stopped: Promise<void> | undefined;

  return {
    service,
    port,
    metricsPath: info.metricsPath,
    healthPath: info.healthPath,
    registry,
    async start() {
      if (started) throw new Error(`stub ${service} was already started`);
      started = true;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const bound = (server.address() as AddressInfo).port;
      const tick = definition.backgroundTick;
      if (tick) {
        const client = loopbackClient(bound, stopping.signal);
        background = startBackground(intervalMs, () => tick(client), (error) =>
          log(`stub ${service}: background activity failed: ${oneLine(error instanceof Error ? error.message : 'unknown')}`),
        );
      }
      const activity = tick && intervalMs > 0 ? `every ${intervalMs} ms` : 'off';
      log(`stub ${service} listening on ${host}:${bound} (metrics ${info.metricsPath}, background ${activity})`);
      return bound;
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await background?.stop();
        if (server.listening) {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeAllConnections();
          await closed;
        }
        if (started) log(`stub ${service} stopped`);
      })();
      return stopped;
    },
  };
}
