import { connections, timedGet } from './timed-get.ts';

export interface ClosedLoopPlan {
  concurrency: number;
  /** Stops at this many measured responses... */
  requests: number;
  /** ...or after this long, whichever comes first (a capped exporter may be slow). */
  maxMs: number;
}

export interface ClosedLoopRun {
  ms: number[];
  errors: number;
  elapsedMs: number;
}

/** `concurrency` workers, each on its own connection, send the next request as soon as the last answers. */
export async function runClosedLoop(url: string, authorization: string, plan: ClosedLoopPlan): Promise<ClosedLoopRun> {
  const pool = connections(url, plan.concurrency);
  const ms: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (sent < plan.requests && performance.now() - started < plan.maxMs) {
      sent++;
      try {
        const r = await timedGet(pool, url, authorization);
        if (r.status === 200) ms.push(r.ms);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    await pool.close();
  }
  return { ms, errors, elapsedMs: performance.now() - started };
}
