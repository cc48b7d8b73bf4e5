import { Client, Pool } from 'undici';

/** One GET, timed from just before the request to the last byte of the body (process.hrtime.bigint). */
export interface TimedResponse {
  ms: number;
  status: number;
  bytes: number;
  body: Buffer;
}

export type Connection = Client | Pool;

/** One keep-alive connection to the URL's origin: a paced stream sends on exactly this. */
export function oneConnection(url: string): Client {
  return new Client(new URL(url).origin, { pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
}

export function connections(url: string, count: number): Pool {
  return new Pool(new URL(url).origin, { connections: count, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
}

export async function timedGet(connection: Connection, url: string, authorization: string): Promise<TimedResponse> {
  const { pathname, search } = new URL(url);
  const started = process.hrtime.bigint();
  const res = await connection.request({ path: `${pathname}${search}`, method: 'GET', headers: { authorization } });
  const body = Buffer.from(await res.body.arrayBuffer());
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: res.statusCode, bytes: body.length, body };
}

/** Samples in a Prometheus text exposition: lines that are neither comments nor blank. */
export function seriesIn(body: Buffer): number {
  let count = 0;
  for (const line of body.toString('utf8').split('\n')) if (line !== '' && !line.startsWith('#')) count++;
  return count;
}
