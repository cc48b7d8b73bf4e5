import { request } from 'undici';

// One typed client for the stub APIs a workload drives (stack/stubs/onyx-core.ts and
// stack/stubs/litellm.ts document them). Each call returns the HTTP status it got.

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await request(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    headersTimeout: 20_000,
    bodyTimeout: 20_000,
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.statusCode, json };
}

export class OnyxCoreClient {
  constructor(readonly base: string) {}

  async chat(model: string, latencyMs: number, success: boolean): Promise<number> {
    return (await post(this.base, '/api/chat', { model, latency_ms: latencyMs, success })).status;
  }

  async retrieve(vectorCount: string, similarityThreshold: string, latencyMs: number, accuracyScore: number): Promise<number> {
    const body = { vector_count: vectorCount, similarity_threshold: similarityThreshold, latency_ms: latencyMs, accuracy_score: accuracyScore };
    return (await post(this.base, '/api/rag/retrieve', body)).status;
  }

  async completeTask(taskType: string, success: boolean, durationMs: number): Promise<number> {
    return (await post(this.base, '/api/tasks/complete', { task_type: taskType, success, duration_ms: durationMs })).status;
  }

  /** Starts an agent and returns its id. */
  async startAgent(agentType: string, status: string): Promise<string> {
    const res = await post(this.base, '/api/agents/start', { agent_type: agentType, status });
    const id = (res.json as { agent_id?: unknown }).agent_id;
    if (res.status !== 201 || typeof id !== 'string') throw new Error(`starting a ${agentType} agent answered ${res.status}`);
    return id;
  }

  async stopAgent(agentId: string): Promise<number> {
    return (await post(this.base, `/api/agents/${encodeURIComponent(agentId)}/stop`, {})).status;
  }
}

export class LiteLlmClient {
  constructor(readonly base: string, private readonly apiKey: string) {}

  /** One OpenAI-style completion whose outcome, latency and token counts the stub is told. */
  async completion(call: { model: string; latencyMs: number; success: boolean; promptTokens: number; completionTokens: number; stream?: boolean }): Promise<number> {
    const body = {
      model: call.model,
      messages: [{ role: 'user', content: 'known workload' }],
      stream: call.stream ?? false,
      stub: { latency_ms: call.latencyMs, success: call.success, prompt_tokens: call.promptTokens, completion_tokens: call.completionTokens },
    };
    return (await post(this.base, '/v1/chat/completions', body, { authorization: `Bearer ${this.apiKey}` })).status;
  }
}
