import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { createStub, type Stub, type StubService } from '../../../stack/stubs/index.ts';
import { waitFor } from '../../checks/wait.ts';

export const CREDS = { user: 'scraper', password: 'pa55:word-ü' };
export const basic = basicAuthHeader;
export const GOOD_AUTH = basic(CREDS.user, CREDS.password);

export interface RunningStub {
  stub: Stub;
  port: number;
  base: string;
  scrape(): Promise<string>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
}

export async function startStub(service: StubService, backgroundIntervalMs = 0): Promise<RunningStub> {
  const stub = createStub(service, {
    port: 0,
    host: '127.0.0.1',
    metricsUser: CREDS.user,
    metricsPassword: CREDS.password,
    backgroundIntervalMs,
    log: () => {},
  });
  const port = await stub.start();
  const base = `http://127.0.0.1:${port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${base}${path}`, { headers });
    return { status: res.statusCode, body: await res.body.text(), headers: res.headers as Record<string, unknown> };
  };
  return {
    stub,
    port,
    base,
    get,
    async scrape() {
      const res = await get(stub.metricsPath, { authorization: GOOD_AUTH });
      if (res.status !== 200) throw new Error(`scrape answered ${res.status}`);
      return res.body;
    },
    async post(path, body, headers = {}) {
      const res = await request(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.statusCode, body: await res.body.text() };
    },
  };
}

export async function send(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  const res = await request(`${base}${path}`, {
    method: method as 'PUT',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** Sends raw bytes and returns the status code of the answer, if any. */
export function rawRequest(port: number, bytes: Buffer): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'))?.[1];
      resolve(status ? Number(status) : undefined);
    });
    socket.end(bytes);
  });
}

export function rawGet(port: number, path: string, authorization: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nauthorization: `, 'latin1'),
    authorization,
    Buffer.from('\r\n\r\n', 'latin1'),
  ]);
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) {
      labels[name!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of `name` whose labels include `labels`; undefined when there is none. */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = parseExposition(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

export function metricNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
}

export function labelNames(text: string): Set<string> {
  return new Set(parseExposition(text).flatMap((s) => Object.keys(s.labels)));
}

export function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  return waitFor(what, probe, { timeoutMs, intervalMs: 25 });
}

/**
 * One stub for the whole describe block: started before its first test, stopped after its last.
 * The returned object is filled in by beforeAll, so tests use it as a RunningStub.
 */
export function stubForSuite(service: StubService): RunningStub {
  const running = {} as RunningStub;
  beforeAll(async () => {
    Object.assign(running, await startStub(service));
  });
  afterAll(async () => {
    await running.stub?.stop();
  });
  return running;
}
