import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { AGENT_STATUSES, AGENT_TYPES } from './onyx-core-labels.ts';

// onyx-core's business metrics: ours, not Onyx's. Names, types, labels and buckets are the SPEC's
// schema (/work/shared/SPEC.md, "Business metrics"); suites/checks/spec-schema.ts holds the table.
// The story's user_id label is left out on purpose: it is personal data and unbounded.

export function createBusinessMetrics(registry: Registry) {
  const activeAgents = new Gauge({
    name: 'onyx_active_agents',
    help: 'Agents currently active, by type and status',
    labelNames: ['agent_type', 'status'] as const,
    registers: [registry],
  });
  for (const agent_type of AGENT_TYPES) for (const status of AGENT_STATUSES) activeAgents.set({ agent_type, status }, 0);
  return {
    chatDuration: new Histogram({
      name: 'onyx_chat_duration_seconds',
      help: 'Duration of a chat turn, by model and outcome',
      labelNames: ['model', 'success'] as const,
      buckets: [0.1, 0.5, 1, 1.5, 2, 5],
      registers: [registry],
    }),
    ragDuration: new Histogram({
      name: 'onyx_rag_retrieval_duration_seconds',
      help: 'Duration of a RAG retrieval, by collection size bucket and similarity threshold',
      labelNames: ['vector_count', 'similarity_threshold'] as const,
      buckets: [0.05, 0.1, 0.2, 0.5, 1],
      registers: [registry],
    }),
    ragAccuracy: new Histogram({
      name: 'onyx_rag_retrieval_accuracy_score',
      help: 'Accuracy score in [0, 1] reported for a RAG retrieval',
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers: [registry],
    }),
    taskCompletions: new Counter({
      name: 'onyx_task_completion_total',
      help: 'Completed tasks, by type, outcome and duration category',
      labelNames: ['task_type', 'success', 'duration_category'] as const,
      registers: [registry],
    }),
    activeAgents,
  };
}
