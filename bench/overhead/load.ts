import { Pool } from 'undici';

// A fixed NUMBER of requests, closed loop on a few keep-alive connections: the unit of one block.
export async function sendRequests(pool: Pool, path: string, count: number, concurrency: number, headers: Record<string, string> = {}): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      const res = await pool.request({ method: 'GET', path, headers });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
