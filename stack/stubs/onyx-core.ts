/**
 * Onyx Core stub: the platform's Python FastAPI backend.
 *
 * Product: Onyx Core. Its business metrics are ours, not an upstream product's: names, types,
 * labels and buckets are the SPEC's schema (/work/shared/SPEC.md, "Business metrics"). The
 * story's user_id label is left out on purpose: it is personal data and unbounded.
 *
 * Metrics:
 *   onyx_chat_duration_seconds           histogram {model, success}  buckets 0.1 0.5 1 1.5 2 5
 *   onyx_rag_retrieval_duration_seconds  histogram {vector_count, similarity_threshold}  buckets 0.05 0.1 0.2 0.5 1
 *   onyx_rag_retrieval_accuracy_score    histogram, no labels, buckets 0.1 .. 1.0 by 0.1: one observation
 *                                        per retrieval that reports a score in [0, 1] (a histogram, so
 *                                        dashboards get both the mean and the share below a threshold)
 *   onyx_task_completion_total           counter {task_type, success, duration_category}
 *   onyx_active_agents                   gauge {agent_type, status}, every combination present from start
 *   http_request_duration_seconds, http_requests_total  {method, route, status_code}, route = template
 *   process_* and nodejs_*               prom-client default metrics
 *
 * Every label comes from a small fixed set; raw numbers never become label values:
 *   model               CHAT_MODELS, anything else is counted as "other"
 *   vector_count        a count is bucketed: le_1k (<= 1000), le_10k, le_100k, gt_100k; or one of those names
 *   similarity_threshold one of "0.5" "0.7" "0.8" "0.9" (number or string); any other value is a 400
 *   task_type           TASK_TYPES, anything else is a 400
 *   duration_category   from duration_ms: lt_1s, 1s_10s, 10s_60s, gt_60s
 *   agent_type, status  AGENT_TYPES; running | idle
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
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { stubServiceInfo } from './services.ts';
import { createHttpMetrics } from './shared/http-metrics.ts';
import { collectNodeRuntimeMetrics } from './shared/runtime-metrics.ts';
import { HttpError } from './shared/http-server.ts';
import { booleanField, latencyField, numberField, oneOf, sleep, stringField } from './shared/input.ts';
import type { StubDefinition, StubLifecycle } from './shared/runtime.ts';

export const CHAT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'llama-3.1-8b'] as const;
export const VECTOR_COUNT_BUCKETS = ['le_1k', 'le_10k', 'le_100k', 'gt_100k'] as const;
export const SIMILARITY_THRESHOLDS = ['0.5', '0.7', '0.8', '0.9'] as const;
export const TASK_TYPES = ['document_indexing', 'summarization', 'web_search', 'code_execution', 'agent_workflow'] as const;
export const AGENT_TYPES = ['research', 'coding', 'support', 'data_analysis'] as const;
export const AGENT_STATUSES = ['running', 'idle'] as const;
const MAX_AGENTS = 10_000;

/** The retrieval the background activity makes every third tick (the accuracy check subtracts it). */
export const BACKGROUND_RETRIEVAL = { vector_count: 'le_10k', similarity_threshold: '0.8', latency_ms: 60, accuracy_score: 0.9 } as const;

export function vectorCountBucket(value: unknown): (typeof VECTOR_COUNT_BUCKETS)[number] {
  if (typeof value === 'string') return oneOf(value, VECTOR_COUNT_BUCKETS, 'vector_count');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new HttpError(400, 'vector_count must be a count >= 0 or one of ' + VECTOR_COUNT_BUCKETS.join(', '));
  }
  if (value <= 1_000) return 'le_1k';
  if (value <= 10_000) return 'le_10k';
  if (value <= 100_000) return 'le_100k';
  return 'gt_100k';
}

export function similarityThreshold(value: unknown): (typeof SIMILARITY_THRESHOLDS)[number] {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') throw new HttpError(400, `similarity_threshold must be one of ${SIMILARITY_THRESHOLDS.join(', ')}`);
  return oneOf(text, SIMILARITY_THRESHOLDS, 'similarity_threshold');
}

export function durationCategory(durationMs: number): string {
  if (durationMs < 1_000) return 'lt_1s';
  if (durationMs < 10_000) return '1s_10s';
  if (durationMs < 60_000) return '10s_60s';
  return 'gt_60s';
}

function chatModel(value: string): string {
  return (CHAT_MODELS as readonly string[]).includes(value) ? value : 'other';
}

export function createOnyxCoreStub({ stopping }: StubLifecycle): StubDefinition {
  const registry = new Registry();
  collectNodeRuntimeMetrics(registry);
  const http = createHttpMetrics(registry, { skipRoutes: [stubServiceInfo('onyx-core').metricsPath] });

  const chatDuration = new Histogram({
    name: 'onyx_chat_duration_seconds',
    help: 'Duration of a chat turn, by model and outcome',
    labelNames: ['model', 'success'] as const,
    buckets: [0.1, 0.5, 1, 1.5, 2, 5],
    registers: [registry],
  });
  const ragDuration = new Histogram({
    name: 'onyx_rag_retrieval_duration_seconds',
    help: 'Duration of a RAG retrieval, by collection size bucket and similarity threshold',
    labelNames: ['vector_count', 'similarity_threshold'] as const,
    buckets: [0.05, 0.1, 0.2, 0.5, 1],
    registers: [registry],
  });
  const ragAccuracy = new Histogram({
    name: 'onyx_rag_retrieval_accuracy_score',
    help: 'Accuracy score in [0, 1] reported for a RAG retrieval',
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    registers: [registry],
  });
  const taskCompletions = new Counter({
    name: 'onyx_task_completion_total',
    help: 'Completed tasks, by type, outcome and duration category',
    labelNames: ['task_type', 'success', 'duration_category'] as const,
    registers: [registry],
  });
  const activeAgents = new Gauge({
    name: 'onyx_active_agents',
    help: 'Agents currently active, by type and status',
    labelNames: ['agent_type', 'status'] as const,
    registers: [registry],
  });
  for (const agent_type of AGENT_TYPES) for (const status of AGENT_STATUSES) activeAgents.set({ agent_type, status }, 0);

  const agents = new Map<string, { agent_type: string; status: string }>();
  let nextAgent = 1;
  let backgroundStep = 0;

  return {
    registry,
    onResponse: (info) => http.observe(info),
    routes: [
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
    ],
    backgroundTick: async (client) => {
      const step = backgroundStep++ % 3;
      if (step === 0) await client.call('POST', '/api/chat', { model: 'gpt-4o-mini', latency_ms: 120 });
      if (step === 1) {
        await client.call('POST', '/api/rag/retrieve', BACKGROUND_RETRIEVAL);
      }
      if (step === 2) await client.call('POST', '/api/tasks/complete', { task_type: 'summarization', duration_ms: 800 });
    },
  };
}
