import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  path: string;
  /** Header lines as bytes, so that values undici refuses (raw control or non-ASCII bytes) can be sent. */
  headers: [string, Buffer | string][];
}

/** The status code of the answer, or why there was none. */
export type RawAnswer = { status: number } | { error: string };

const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Sends one HTTP/1.1 request over a plain socket and reads the status line. node:net, because
 * undici (rightly) refuses to send the malformed headers this is for.
 */
export function rawRequest(url: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const head = Buffer.concat([
    Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n`, 'latin1'),
    ...request.headers.map(([name, value]) => Buffer.concat([Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from('\r\n')])),
    Buffer.from('\r\n'),
  ]);
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(head));
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => finish({ error: `no answer within ${ANSWER_TIMEOUT_MS / 1000} s` }));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n');
      if (end === -1) return;
      const line = received.subarray(0, end).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(line)?.[1];
      finish(status ? { status: Number(status) } : { error: `not an HTTP status line: ${JSON.stringify(line.slice(0, 60))}` });
    });
    // A reset after a complete answer is fine; one before any answer is the endpoint failing.
    socket.on('error', (error) => finish({ error: `connection failed before an answer: ${error.message}` }));
    socket.on('end', () => finish({ error: 'connection closed without an answer' }));
  });
}
