import type { LiteLlmClient, OnyxCoreClient } from './stub-client.ts';
import { chatCalls, llmCalls, retrievalCalls, taskCalls, type Workload } from './workload.ts';

export interface WorkloadClients {
  onyxCore: OnyxCoreClient;
  litellm: LiteLlmClient;
}

/** Runs `jobs` with at most `concurrency` at once; rejects with the first failure. */
async function pool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  });
  await Promise.all(workers);
}

/** The outcomes a call group has: success, and failure when any of it fails. */
const outcomes = (failures: number) => (failures > 0 ? [true, false] : [true]);

function expectStatus(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`workload: ${what} answered ${got}, expected ${want}`);
}

/**
 * One call for every label combination the workload touches, with no latency. Sent before the
 * measured window so that every series exists (and has a stored sample) when the window opens.
 */
export async function primeSeries(clients: WorkloadClients, w: Workload): Promise<void> {
  const { onyxCore, litellm } = clients;
  for (const c of w.chats) for (const success of outcomes(c.failures)) {
    expectStatus(`priming chat ${c.model}`, await onyxCore.chat(c.model, 0, success), success ? 200 : 502);
  }
  for (const r of w.retrievals) expectStatus('priming retrieval', await onyxCore.retrieve(r.vectorCount, r.similarityThreshold, 0, r.score.max), 200);
  for (const c of w.llmCalls) for (const success of outcomes(c.failures)) {
    const status = await litellm.completion({ model: c.model, latencyMs: 0, success, promptTokens: c.promptTokens, completionTokens: c.completionTokens });
    expectStatus(`priming LLM call ${c.model}`, status, success ? 200 : 429);
  }
  for (const t of w.tasks) for (const success of outcomes(t.failures)) {
    expectStatus(`priming task ${t.taskType}`, await onyxCore.completeTask(t.taskType, success, t.durationMs), 200);
  }
}

/** Sends the whole workload and checks that every call got the answer it dictated. */
export async function runWorkload(clients: WorkloadClients, w: Workload): Promise<void> {
  const { onyxCore, litellm } = clients;
  const jobs: (() => Promise<void>)[] = [
    ...chatCalls(w).map((c) => async () => expectStatus(`chat ${c.model} ${c.latencyMs} ms`, await onyxCore.chat(c.model, c.latencyMs, c.success), c.success ? 200 : 502)),
    ...retrievalCalls(w).map((r) => async () =>
      expectStatus(`retrieval ${r.vectorCount}@${r.similarityThreshold}`, await onyxCore.retrieve(r.vectorCount, r.similarityThreshold, r.latencyMs, r.score), 200),
    ),
    ...llmCalls(w).map((c) => async () => expectStatus(`LLM call ${c.model}`, await litellm.completion(c), c.success ? 200 : 429)),
    ...taskCalls(w).map((t) => async () => expectStatus(`task ${t.taskType}`, await onyxCore.completeTask(t.taskType, t.success, t.durationMs), 200)),
    ...w.agents.map((a) => async () => {
      const ids: string[] = [];
      for (let i = 0; i < a.start; i++) ids.push(await onyxCore.startAgent(a.agentType, a.status));
      for (const id of ids.slice(0, a.stop)) expectStatus(`stopping agent ${id}`, await onyxCore.stopAgent(id), 200);
    }),
  ];
  await pool(jobs, w.concurrency);
}
