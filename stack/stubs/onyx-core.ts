/**
 * Onyx Core stub: the platform's Python FastAPI backend, standing for Onyx's API server at v4.6.1
 * (onyx-dot-app/onyx, commit 39d243f1). Its /metrics is what that release's API server exposes on
 * a single node (stack/stubs/manifests/onyx-core.json lists every family, its source and what is
 * left out), beside the SPEC's business metrics, which are ours:
 *
 *   onyx_chat_duration_seconds           histogram {model, success}  buckets 0.1 0.5 1 1.5 2 5
 *   onyx_rag_retrieval_duration_seconds  histogram {vector_count, similarity_threshold}  buckets 0.05 0.1 0.2 0.5 1
 *   onyx_rag_retrieval_accuracy_score    histogram, no labels, buckets 0.1 .. 1.0 by 0.1: one observation
 *                                        per retrieval that reports a score in [0, 1]
 *   onyx_task_completion_total           counter {task_type, success, duration_category}
 *   onyx_active_agents                   gauge {agent_type, status}, every combination present from start
 * Onyx's own families (onyx-core-api-metrics.ts, python-runtime-metrics.ts):
 *   http_requests_total {method, status, handler}, http_request_size_bytes and http_response_size_bytes
 *   {handler} (summaries), http_request_duration_highr_seconds, http_request_duration_seconds
 *   {method, handler}, http_requests_inprogress {method, handler}: prometheus-fastapi-instrumentator;
 *   onyx_api_slow_requests_total, onyx_api_requests_by_tenant_total, onyx_db_pool_* and
 *   onyx_db_connection*: Onyx's callbacks and its SQLAlchemy pool; process_*, python_gc_*, python_info.
 * Label values of the business metrics come from small fixed sets (onyx-core-labels.ts).
 *
 * API (the caller dictates the outcome; latency_ms is capped at 5000 and really waited):
 *   POST /api/chat               {"model": str, "latency_ms": n, "success"?: bool}
 *        observes latency_ms/1000 in onyx_chat_duration_seconds; 200, or 502 when success is false
 *   POST /api/rag/retrieve       {"vector_count": n|bucket, "similarity_threshold": t, "latency_ms": n, "accuracy_score"?: 0..1}
 *        observes latency_ms/1000 in onyx_rag_retrieval_duration_seconds, and the score when given
 *   POST /api/tasks/complete     {"task_type": str, "success"?: bool, "duration_ms": n}   (reports, does not wait)
 *        increments onyx_task_completion_total
 *   POST /api/agents/start       {"agent_type": str, "status"?: "running"|"idle"} -> {"agent_id"}
 *   POST /api/agents/{agent_id}/stop   ends that agent
 *        both move onyx_active_agents
 * Background, over loopback, in turn: a chat, a retrieval with a score, a task completion.
 */
import { Registry } from 'prom-client';
import { createOnyxApiMetrics } from './onyx-core-api-metrics.ts';
import { createBusinessMetrics } from './onyx-core-business-metrics.ts';
import { collectOnyxProcessMetrics } from './onyx-core-process-metrics.ts';
import {
  AGENT_STATUSES,
  AGENT_TYPES,
  BACKGROUND_RETRIEVAL,
  chatModel,
  durationCategory,
  similarityThreshold,
  TASK_TYPES,
  vectorCountBucket,
} from './onyx-core-labels.ts';
import { HttpError, type Route } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, oneOf, sleep, stringField } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';

const MAX_AGENTS = 10_000;

export function createOnyxCoreStub({ stopping }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  collectOnyxProcessMetrics(registry);
  const api = createOnyxApiMetrics(registry);
  const { chatDuration, ragDuration, ragAccuracy, taskCompletions, activeAgents } = createBusinessMetrics(registry);

  const agents = new Map<string, { agent_type: string; status: string }>();
  let nextAgent = 1;
  let backgroundStep = 0;

  const routes: Route[] = [
    {
      method: 'POST',
      template: '/api/chat',
      handler: async ({ readJson }) => {
        const body = await readJson();
        const model = chatModel(stringField(body, 'model', { maxLength: 128 }));
        const latencyMs = latencyField(body, 100);
        const success = booleanField(body, 'success', true);
        await sleep(latencyMs, stopping);
        chatDuration.observe({ model, success: String(success) }, latencyMs / 1000);
        if (!success) return { status: 502, json: { error: 'LLM call failed (dictated)' } };
        return { json: { answer: 'stub answer', model, latency_ms: latencyMs } };
      },
    },
    {
      method: 'POST',
      template: '/api/rag/retrieve',
      handler: async ({ readJson }) => {
        const body = await readJson();
        const labels = {
          vector_count: vectorCountBucket(body.vector_count),
          similarity_threshold: similarityThreshold(body.similarity_threshold),
        };
        const latencyMs = latencyField(body, 50);
        const score = body.accuracy_score === undefined ? undefined : numberField(body, 'accuracy_score', { fallback: 0, min: 0, max: 1 });
        await sleep(latencyMs, stopping);
        ragDuration.observe(labels, latencyMs / 1000);
        if (score !== undefined) ragAccuracy.observe(score);
        return { json: { documents: [], ...labels, latency_ms: latencyMs } };
      },
    },
    {
      method: 'POST',
      template: '/api/tasks/complete',
      handler: async ({ readJson }) => {
        const body = await readJson();
        const task_type = oneOf(stringField(body, 'task_type', { maxLength: 64 }), TASK_TYPES, 'task_type');
        const success = booleanField(body, 'success', true);
        const durationMs = numberField(body, 'duration_ms', { fallback: 0, min: 0 });
        const labels = { task_type, success: String(success), duration_category: durationCategory(durationMs) };
        taskCompletions.inc(labels);
        return { json: labels };
      },
    },
    {
      method: 'POST',
      template: '/api/agents/start',
      handler: async ({ readJson }) => {
        const body = await readJson();
        const agent_type = oneOf(stringField(body, 'agent_type', { maxLength: 64 }), AGENT_TYPES, 'agent_type');
        const status = oneOf(stringField(body, 'status', { fallback: 'running', maxLength: 16 }), AGENT_STATUSES, 'status');
        if (agents.size >= MAX_AGENTS) throw new HttpError(429, `at most ${MAX_AGENTS} agents at once`);
        const agentId = `agt_${nextAgent++}`;
        agents.set(agentId, { agent_type, status });
        activeAgents.inc({ agent_type, status });
        return { status: 201, json: { agent_id: agentId, agent_type, status } };
      },
    },
    {
      method: 'POST',
      template: '/api/agents/{agent_id}/stop',
      handler: ({ params }) => {
        const agentId = params.agent_id ?? '';
        const agent = agents.get(agentId);
        if (!agent) throw new HttpError(404, 'no such agent');
        agents.delete(agentId);
        activeAgents.dec(agent);
        return { json: { agent_id: agentId, stopped: true } };
      },
    },
  ];

  return {
    registry,
    onResponse: (info) => api.observe(info),
    // Each API call is in progress and holds a database connection while its handler runs.
    routes: routes.map((route) => ({ ...route, handler: (ctx) => api.during(route.method, route.template, async () => route.handler(ctx)) })),
    backgroundTick: async (client) => {
      const step = backgroundStep++ % 3;
      if (step === 0) await client.call('POST', '/api/chat', { model: 'gpt-4o-mini', latency_ms: 120 });
      if (step === 1) await client.call('POST', '/api/rag/retrieve', BACKGROUND_RETRIEVAL);
      if (step === 2) await client.call('POST', '/api/tasks/complete', { task_type: 'summarization', duration_ms: 800 });
    },
  };
}
