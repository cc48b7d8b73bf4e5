import { createServer } from 'node:net';

export class HostPortTaken extends Error {}

/** Fails in one line, naming the variable that moves it, when 127.0.0.1:port is already taken. */
export async function ensureHostPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new HostPortTaken(`127.0.0.1:${port} is in use (${error.code}): stop what listens there, or set ${variable} to a free port`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A port number from the environment, or the default; anything else is a one-line error. */
export function portFromEnv(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new HostPortTaken(`${variable}=${text} is not a TCP port (1-65535)`);
  return port;
}
