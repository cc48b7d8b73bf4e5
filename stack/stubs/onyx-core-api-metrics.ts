import type { Registry } from 'prom-client';
import { PYTHON_DEFAULT_BUCKETS, PythonMetric } from './python-client.ts';
import { instrumentationOff } from './shared/instrumentation.ts';
import { UNMATCHED_ROUTE, type ResponseInfo } from './shared/http-server.ts';

// The request metrics of Onyx's API server at v4.6.1 (backend/onyx/server/metrics/): the
// prometheus-fastapi-instrumentator 8.0.2 defaults as prometheus_setup.py configures them, its two
// callbacks (slow_requests.py, per_tenant.py), and the SQLAlchemy pool metrics
// (postgres_connection_pool.py). The stub has no database: each API call checks a connection out
// of the "sync" pool for the whole call, as a request handler that opens a session does.

/** prometheus_setup.py: `excluded_handlers`, regular expressions searched in the route template. */
const EXCLUDED_HANDLERS = [/\/health/, /\/metrics/, /\/openapi.json/];
/** prometheus_setup.py's `_LATENCY_BUCKETS` for http_request_duration_seconds. */
export const ONYX_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The instrumentator's default buckets for http_request_duration_highr_seconds. */
export const HIGHR_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60];
/** slow_requests.py: SLOW_REQUEST_THRESHOLD_SECONDS' default. */
export const SLOW_REQUEST_THRESHOLD_SECONDS = 1;
/** The tenant of a single-tenant deployment: POSTGRES_DEFAULT_SCHEMA. */
export const SINGLE_TENANT = 'public';
/** main.py's engines and app_configs.py's default pool sizes and overflows. */
const POOLS = { sync: [40, 10], async: [40, 10], readonly: [10, 5] } as const;
type Engine = keyof typeof POOLS;

export interface ApiMetrics {
  observe(info: ResponseInfo): void;
  /** Wraps one API call: in progress, and a connection of the sync pool held, until it settles. */
  during<T>(method: string, handler: string, work: () => Promise<T>): Promise<T>;
}

function poolMetrics(registry: Registry) {
  const counter = (name: string, help: string) => new PythonMetric(registry, name, help, 'counter', ['engine']);
  const checkouts = counter('onyx_db_pool_checkout_total', 'Total connection checkouts from the pool');
  const checkins = counter('onyx_db_pool_checkin_total', 'Total connection checkins to the pool');
  const created = counter('onyx_db_pool_connections_created_total', 'Total new database connections created');
  const held = new PythonMetric(registry, 'onyx_db_connections_held_by_endpoint', 'Number of DB connections currently held, by endpoint and engine', 'gauge', ['handler', 'engine', 'tenant_id']);
  const holdSeconds = new PythonMetric(registry, 'onyx_db_connection_hold_seconds', 'Duration a DB connection is held by an endpoint', 'histogram', ['handler', 'engine'], PYTHON_DEFAULT_BUCKETS);
  const state = (name: string, help: string) => new PythonMetric(registry, name, help, 'gauge', ['engine']);
  const checkedOut = state('onyx_db_pool_checked_out', 'Currently checked-out connections');
  const checkedIn = state('onyx_db_pool_checked_in', 'Idle connections available in the pool');
  const overflow = state('onyx_db_pool_overflow', 'Current overflow connections beyond pool_size');
  const size = state('onyx_db_pool_size', 'Configured pool size');

  // SQLAlchemy's QueuePool: a connection is made when none is idle; overflow() starts at -pool_size.
  const pools = new Map(Object.entries(POOLS).map(([engine, [poolSize]]) => [engine as Engine, { poolSize, open: 0, out: 0 }]));
  const publish = (engine: Engine) => {
    const pool = pools.get(engine)!;
    checkedOut.set([engine], pool.out);
    checkedIn.set([engine], pool.open - pool.out);
    overflow.set([engine], pool.open - pool.poolSize);
    size.set([engine], pool.poolSize);
  };
  for (const engine of pools.keys()) publish(engine);
  return {
    checkout(engine: Engine, handler: string): () => void {
      const pool = pools.get(engine)!;
      if (pool.open === pool.out) {
        pool.open += 1;
        created.inc([engine]);
      }
      pool.out += 1;
      checkouts.inc([engine]);
      held.inc([handler, engine, SINGLE_TENANT]);
      publish(engine);
      const started = process.hrtime.bigint();
      return () => {
        pool.out -= 1;
        checkins.inc([engine]);
        held.dec([handler, engine, SINGLE_TENANT]);
        holdSeconds.observe([handler, engine], Number(process.hrtime.bigint() - started) / 1e9);
        publish(engine);
      };
    },
  };
}

export function createOnyxApiMetrics(registry: Registry): ApiMetrics {
  const total = new PythonMetric(registry, 'http_requests_total', 'Total number of requests by method, status and handler.', 'counter', ['method', 'status', 'handler']);
  const sizeHelp = (what: string) => `Content length of ${what} by handler. Only value of header is respected. Otherwise ignored. No percentile calculated. `;
  const inSize = new PythonMetric(registry, 'http_request_size_bytes', sizeHelp('incoming requests'), 'summary', ['handler']);
  const outSize = new PythonMetric(registry, 'http_response_size_bytes', sizeHelp('outgoing responses'), 'summary', ['handler']);
  const highr = new PythonMetric(registry, 'http_request_duration_highr_seconds', 'Latency with many buckets but no API specific labels. Made for more accurate percentile calculations. ', 'histogram', [], HIGHR_BUCKETS);
  const lowr = new PythonMetric(registry, 'http_request_duration_seconds', 'Latency with only few buckets by handler. Made to be only used if aggregation by handler is important. ', 'histogram', ['method', 'handler'], ONYX_LATENCY_BUCKETS);
  const inProgress = new PythonMetric(registry, 'http_requests_inprogress', 'Number of HTTP requests in progress.', 'gauge', ['method', 'handler']);
  const slow = new PythonMetric(registry, 'onyx_api_slow_requests_total', 'Total requests exceeding the slow request threshold', 'counter', ['method', 'handler', 'status']);
  const byTenant = new PythonMetric(registry, 'onyx_api_requests_by_tenant_total', 'Total API requests by tenant', 'counter', ['tenant_id', 'method', 'handler', 'status']);
  const pools = poolMetrics(registry);

  if (instrumentationOff()) return { observe() {}, during: (_m, _h, work) => work() };
  return {
    observe(info) {
      // should_group_untemplated: a path no route matches is counted under handler "none".
      const handler = info.route === UNMATCHED_ROUTE ? 'none' : info.route;
      if (EXCLUDED_HANDLERS.some((pattern) => pattern.test(handler))) return;
      const status = String(info.statusCode);
      const seconds = info.durationSeconds;
      total.inc([info.method, status, handler]);
      inSize.observe([handler], info.requestBytes ?? 0);
      outSize.observe([handler], info.responseBytes ?? 0);
      highr.observe([], seconds);
      lowr.observe([info.method, handler], seconds);
      inProgress.touch([info.method, handler]);
      if (seconds > SLOW_REQUEST_THRESHOLD_SECONDS) slow.inc([info.method, handler, status]);
      byTenant.inc([SINGLE_TENANT, info.method, handler, status]);
    },
    async during(method, handler, work) {
      inProgress.inc([method, handler]);
      const checkin = pools.checkout('sync', handler);
      try {
        return await work();
      } finally {
        checkin();
        inProgress.dec([method, handler]);
      }
    },
  };
}
