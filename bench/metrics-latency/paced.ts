import { setTimeout as sleep } from 'node:timers/promises';
import { seriesIn, oneConnection, timedGet } from './timed-get.ts';

/** A URL timed by one paced stream on its own connection. */
export interface PacedTarget {
  id: string;
  url: string;
  authorization: string;
}

export interface PacedPlan {
  /** Measured requests per run and stream. */
  requests: number;
  /** Requests sent first on each run and discarded (connection set-up, JIT, caches). */
  warmup: number;
  /** Every stream sends one request each intervalMs; streams are staggered across the interval. */
  intervalMs: number;
  runs: number;
}

export interface PacedStreamRun {
  /** Response times of the measured requests, in ms, in sending order. */
  ms: number[];
  /** Responses that were not 200 (counted, and left out of the times). */
  errors: number;
  firstError?: string;
  bytes: number;
  series: number;
}

/**
 * Runs plan.runs runs; in each, every target gets warmup + requests GETs, one each intervalMs, on
 * one connection. A request waits for the previous response, so a slow answer delays the next
 * send (the time of the slow answer itself is recorded in full).
 */
export async function runPaced(
  targets: PacedTarget[],
  plan: PacedPlan,
  onRunDone?: (run: number) => void,
): Promise<Map<string, PacedStreamRun[]>> {
  const results = new Map<string, PacedStreamRun[]>(targets.map((t) => [t.id, []]));
  const clients = targets.map((t) => oneConnection(t.url));
  try {
    for (let run = 0; run < plan.runs; run++) {
      const start = performance.now() + 50;
      const streams = targets.map((target, i) =>
        pacedStream(clients[i]!, target, plan, start + (i * plan.intervalMs) / targets.length),
      );
      const done = await Promise.all(streams);
      done.forEach((r, i) => results.get(targets[i]!.id)!.push(r));
      onRunDone?.(run + 1);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return results;
}

async function pacedStream(
  client: ReturnType<typeof oneConnection>,
  target: PacedTarget,
  plan: PacedPlan,
  firstAt: number,
): Promise<PacedStreamRun> {
  const out: PacedStreamRun = { ms: [], errors: 0, bytes: 0, series: 0 };
  for (let k = 0; k < plan.warmup + plan.requests; k++) {
    const wait = firstAt + k * plan.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    let response;
    try {
      response = await timedGet(client, target.url, target.authorization);
    } catch (error) {
      if (k >= plan.warmup) out.errors++;
      out.firstError ??= (error as Error).message;
      continue;
    }
    if (k < plan.warmup) continue;
    if (response.status !== 200) {
      out.errors++;
      out.firstError ??= `HTTP ${response.status}`;
      continue;
    }
    out.ms.push(response.ms);
    if (out.series === 0) {
      out.bytes = response.bytes;
      out.series = seriesIn(response.body);
    }
  }
  return out;
}
