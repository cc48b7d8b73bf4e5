import { setTimeout as sleep } from 'node:timers/promises';
import { seriesIn, oneConnection, timedGet } from './timed-get.ts';

/** A URL timed on its own connection. */
export interface PacedTarget {
  id: string;
  url: string;
  authorization: string;
  /** The status a good answer has (200 unless said). */
  status?: number;
}

export interface PacedPlan {
  /** Measured requests per run and target. */
  requests: number;
  /** Requests sent first on each run and discarded (connection set-up, JIT, caches). */
  warmup: number;
  /**
   * One request starts every slotMs, to the targets in turn, never two at once: on a 2-core host,
   * overlapping streams measured the client and each other (floors went from 2 ms to 45 ms at p95).
   * Each target thus gets one request every (targets x slotMs).
   */
  slotMs: number;
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

/** The fixed interval between two requests to the same target. */
export function perTargetIntervalMs(plan: PacedPlan, targets: number): number {
  return plan.slotMs * targets;
}

/**
 * Runs plan.runs runs; in each, every target gets warmup + requests GETs on its one connection,
 * round-robin on a fixed schedule of one slot each slotMs. A response that outlasts its slot
 * delays the next send (its own time is recorded in full); the schedule then catches up.
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
      const outs = targets.map((): PacedStreamRun => ({ ms: [], errors: 0, bytes: 0, series: 0 }));
      const start = performance.now();
      let slot = 0;
      for (let k = 0; k < plan.warmup + plan.requests; k++) {
        for (let i = 0; i < targets.length; i++, slot++) {
          const wait = start + slot * plan.slotMs - performance.now();
          if (wait > 0) await sleep(wait);
          await timeOne(clients[i]!, targets[i]!, outs[i]!, k < plan.warmup);
        }
      }
      outs.forEach((out, i) => results.get(targets[i]!.id)!.push(out));
      onRunDone?.(run + 1);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return results;
}

async function timeOne(client: ReturnType<typeof oneConnection>, target: PacedTarget, out: PacedStreamRun, warmup: boolean): Promise<void> {
  let response;
  try {
    response = await timedGet(client, target.url, target.authorization);
  } catch (error) {
    if (!warmup) out.errors++;
    out.firstError ??= (error as Error).message;
    return;
  }
  if (warmup) return;
  if (response.status !== (target.status ?? 200)) {
    out.errors++;
    out.firstError ??= `HTTP ${response.status}`;
    return;
  }
  out.ms.push(response.ms);
  if (out.series === 0) {
    out.bytes = response.bytes;
    out.series = seriesIn(response.body);
  }
}
