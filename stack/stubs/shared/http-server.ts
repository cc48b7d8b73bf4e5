import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

// A tiny router on node:http. Routes are templates ("/collections/{name}/points" or the Next.js
// style "/chat/[threadId]"); the matched template, never the raw path, is what request metrics see.
// Bad input ends as a 4xx with a one-line body; only a bug in a handler gives a 500.

export const UNMATCHED_ROUTE = 'unmatched';
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * How long an idle keep-alive connection stays open: longer than a scrape interval (15 s here, up
 * to 60 s in common setups). With Node's default of 5 s the server closed the scraper's connection
 * between two scrapes, so every scrape paid a new TCP connection.
 */
export const IDLE_KEEP_ALIVE_MS = 65_000;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Reads the body as a JSON object; an empty body reads as {}. */
  readJson(): Promise<Record<string, unknown>>;
}

export interface Route {
  method: string;
  template: string;
  handler(ctx: RouteContext): Promise<Reply> | Reply;
}

export interface ResponseInfo {
  method: string;
  route: string;
  statusCode: number;
  durationSeconds: number;
  /** The request's Content-Length header (0 without one) and the response's, as an ASGI instrumentator reads them. */
  requestBytes?: number;
  responseBytes?: number;
}

export interface HttpServerOptions {
  routes: Route[];
  bodyLimitBytes?: number;
  /** Shapes error bodies the way the imitated product does; default {"error": message}. */
  errorBody?(status: number, message: string): unknown;
  onResponse?(info: ResponseInfo): void;
  onHandlerBug?(error: unknown): void;
}

type Segment = { literal: string } | { param: string };

function parseTemplate(template: string): Segment[] {
  return template.split('/').map((part) => {
    const param = /^\{(\w+)\}$/.exec(part) ?? /^\[(\w+)\]$/.exec(part);
    return param?.[1] ? { param: param[1] } : { literal: part };
  });
}

function matchPath(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        throw new HttpError(400, 'malformed percent-encoding in path');
      }
    }
  }
  return params;
}

export function normaliseMethod(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : 'OTHER';
}

export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, `request body larger than ${limit} bytes`, { connection: 'close' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`, { connection: 'close' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = (await readBody(req, limit)).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `invalid JSON body: ${oneLine(error instanceof Error ? error.message : String(error), 120)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'JSON body must be an object');
  }
  return value as Record<string, unknown>;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.statusCode = reply.status ?? 200;
  const json = reply.json !== undefined;
  const body = json ? JSON.stringify(reply.json) : (reply.text ?? '');
  res.setHeader('content-type', json ? 'application/json' : (reply.contentType ?? 'text/plain; charset=utf-8'));
  // What Node would send anyway, set here so that request metrics can read the size.
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** Answers malformed requests that node:http refuses before any handler runs (bad bytes, huge headers). */
function answerClientError(_error: Error, socket: Socket): void {
  if (socket.writable) {
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  } else {
    socket.destroy();
  }
}

export function createHttpServer(options: HttpServerOptions): Server {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const routes = options.routes.map((route) => ({ route, segments: parseTemplate(route.template) }));
  const errorBody = options.errorBody ?? ((_status: number, message: string) => ({ error: message }));

  async function handle(req: IncomingMessage, res: ServerResponse, matched: { route: string }): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://stub.invalid');
    } catch {
      throw new HttpError(400, 'malformed request target');
    }
    const parts = url.pathname.split('/');
    const method = normaliseMethod(req.method);
    let pathMatched = false;
    for (const { route, segments } of routes) {
      const params = matchPath(segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      matched.route = route.template;
      const reply = await route.handler({
        req,
        params,
        query: url.searchParams,
        readJson: () => readJsonObject(req, limit),
      });
      send(res, reply);
      return;
    }
    if (pathMatched) throw new HttpError(405, `method ${method} not allowed here`);
    throw new HttpError(404, 'no such route');
  }

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const matched = { route: UNMATCHED_ROUTE };
    res.on('finish', () => {
      options.onResponse?.({
        method: normaliseMethod(req.method),
        route: matched.route,
        statusCode: res.statusCode,
        durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        requestBytes: Number(req.headers['content-length']) || 0,
        responseBytes: Number(res.getHeader('content-length')) || 0,
      });
    });
    handle(req, res, matched).catch((error: unknown) => {
      if (error instanceof HttpError) {
        send(res, { status: error.status, json: errorBody(error.status, oneLine(error.message)), headers: error.headers });
        return;
      }
      options.onHandlerBug?.(error);
      send(res, { status: 500, json: errorBody(500, 'internal error') });
    });
  });
  server.keepAliveTimeout = IDLE_KEEP_ALIVE_MS;
  // Node's advice: the headers timeout above the keep-alive one, so an idle socket is not cut mid-request.
  server.headersTimeout = IDLE_KEEP_ALIVE_MS + 1000;
  server.on('clientError', answerClientError);
  return server;
}
