import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// How late this machine runs a thread that a timer wakes: the floor under any quiet scrape. On our
// VM an idle vCPU halts and the hypervisor runs it again some milliseconds after its timer or
// interrupt fired (a vCPU kept busy by a spin loop showed no gap over 4 ms in 15 s; one sleeping
// 1 ms at a time woke 5 ms or more late about once a second). Each quiet scrape wakes Prometheus
// and the target, so such a wake-up lands inside some of them. The bench measures it in the same
// run, with the stack idle as in its judged window, to name it as a cause rather than guess.

export const WAKE_PROBE = {
  seconds: 30,
  sleepMs: 1,
  /** Late by more than these, in ms: 5 and 10 are half and all of a scrape's 10 ms budget. */
  lateThresholdsMs: [2, 5, 10],
} as const;

export const CpuWakeLatency = z.object({
  cpu: z.number().int().nullable(),
  wakeups: z.number().int(),
  /** Wake-ups later than each threshold (ms, as a string key), counted. */
  lateOver: z.record(z.string(), z.number().int()),
  maxLateMs: z.number(),
});
export const WakeLatency = z.object({
  seconds: z.number(),
  sleepMs: z.number(),
  /** True when each probe ran pinned to its CPU (taskset); otherwise the scheduler placed them. */
  pinned: z.boolean(),
  cpus: z.array(CpuWakeLatency),
});
export type WakeLatency = z.infer<typeof WakeLatency>;

const CHILD = fileURLToPath(new URL('./wake-probe-child.ts', import.meta.url));
/** The child is TypeScript: load tsx from this package, whatever the working directory. */
const TSX = import.meta.resolve('tsx');

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs }, (error, stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
  });
}

const hasTaskset = () => run('taskset', ['--version'], 5_000).then(() => true, () => false);

export interface WakeProbePlan {
  seconds: number;
  sleepMs: number;
  lateThresholdsMs: readonly number[];
}

/**
 * One probe per CPU, side by side, each sleeping `sleepMs` at a time for `seconds`; pinned to CPUs
 * 0..n-1 with taskset where it exists, and unpinned when that fails (a machine whose allowed CPUs are
 * numbered otherwise).
 */
export async function probeWakeLatency(plan: WakeProbePlan = WAKE_PROBE): Promise<WakeLatency> {
  const cpus = availableParallelism();
  const childArgs = ['--import', TSX, CHILD, String(plan.seconds), String(plan.sleepMs), ...plan.lateThresholdsMs.map(String)];
  const timeoutMs = (plan.seconds + 30) * 1000;
  const each = (start: (cpu: number) => Promise<string>) => Promise.all(Array.from({ length: cpus }, (_, cpu) => start(cpu)));
  const pinnedOutputs = (await hasTaskset())
    ? await each((cpu) => run('taskset', ['-c', String(cpu), process.execPath, ...childArgs], timeoutMs)).catch(() => null)
    : null;
  const outputs = pinnedOutputs ?? (await each(() => run(process.execPath, childArgs, timeoutMs)));
  const pinned = pinnedOutputs !== null;
  return WakeLatency.parse({
    seconds: plan.seconds,
    sleepMs: plan.sleepMs,
    pinned,
    cpus: outputs.map((out, cpu) => ({ cpu: pinned ? cpu : null, ...JSON.parse(out.trim()) })),
  });
}

/** "0.68 wake-ups per second per CPU came more than 5 ms late (41 of 52075; latest 16.6 ms; 2 CPUs pinned, ...)". */
export function describeWakeLatency(w: WakeLatency, thresholdMs: number): string {
  const late = w.cpus.reduce((n, c) => n + (c.lateOver[String(thresholdMs)] ?? 0), 0);
  const wakeups = w.cpus.reduce((n, c) => n + c.wakeups, 0);
  const max = Math.max(...w.cpus.map((c) => c.maxLateMs));
  const perSecond = late / w.seconds / w.cpus.length;
  return (
    `${perSecond.toFixed(2)} wake-ups per second per CPU came more than ${thresholdMs} ms late (${late} of ${wakeups}; latest ${max.toFixed(1)} ms; ` +
    `${w.cpus.length} CPUs${w.pinned ? ' pinned' : ''}, ${w.sleepMs} ms sleeps for ${w.seconds} s, stack idle)`
  );
}
