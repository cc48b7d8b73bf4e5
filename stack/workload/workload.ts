import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The known workload (fixtures/workloads/*.json) and what it expands to: every single call with
// its dictated latency, outcome, score and token counts, so that expectations follow exactly.

const Range = z.object({ min: z.number().nonnegative(), max: z.number().nonnegative() });
const Counted = { count: z.number().int().positive(), failures: z.number().int().nonnegative().default(0) };

export const Workload = z.object({
  about: z.string().optional(),
  chats: z.array(z.object({ model: z.string(), ...Counted, latencyMs: Range })),
  retrievals: z.array(
    z.object({ vectorCount: z.string(), similarityThreshold: z.string(), count: z.number().int().positive(), latencyMs: Range, score: Range }),
  ),
  llmCalls: z.array(
    z.object({ model: z.string(), ...Counted, latencyMs: Range, promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() }),
  ),
  tasks: z.array(z.object({ taskType: z.string(), ...Counted, durationMs: z.number().nonnegative() })),
  agents: z.array(z.object({ agentType: z.string(), status: z.string(), start: z.number().int().nonnegative(), stop: z.number().int().nonnegative() })),
  concurrency: z.number().int().positive(),
  apiKey: z.string().startsWith('sk-'),
});
export type Workload = z.infer<typeof Workload>;

export function loadWorkload(file: string): Workload {
  const parsed = Workload.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`workload ${file} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The i-th of n values spread evenly over [min, max], rounded to whole milliseconds or to 1e-6 of a score. */
export function spread(range: { min: number; max: number }, i: number, n: number, step = 1): number {
  const value = range.min + ((range.max - range.min) * (i + 0.5)) / n;
  return Math.round(value / step) * step;
}

/** Whether the i-th of n calls is one of the `failures`, spread evenly (Bresenham). */
export function fails(i: number, n: number, failures: number): boolean {
  return Math.floor(((i + 1) * failures) / n) > Math.floor((i * failures) / n);
}

const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

export const chatCalls = (w: Workload) =>
  w.chats.flatMap((c) => indices(c.count).map((i) => ({ model: c.model, latencyMs: spread(c.latencyMs, i, c.count), success: !fails(i, c.count, c.failures) })));

export const retrievalCalls = (w: Workload) =>
  w.retrievals.flatMap((r) =>
    indices(r.count).map((i) => ({
      vectorCount: r.vectorCount,
      similarityThreshold: r.similarityThreshold,
      latencyMs: spread(r.latencyMs, i, r.count),
      score: spread(r.score, i, r.count, 1e-6),
    })),
  );

export const llmCalls = (w: Workload) =>
  w.llmCalls.flatMap((c) =>
    indices(c.count).map((i) => ({
      model: c.model,
      latencyMs: spread(c.latencyMs, i, c.count),
      success: !fails(i, c.count, c.failures),
      promptTokens: c.promptTokens,
      completionTokens: c.completionTokens,
    })),
  );

export const taskCalls = (w: Workload) =>
  w.tasks.flatMap((t) => indices(t.count).map((i) => ({ taskType: t.taskType, success: !fails(i, t.count, t.failures), durationMs: t.durationMs })));
