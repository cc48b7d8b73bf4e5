import { HttpError } from './shared/http-server.ts';
import { oneOf } from './shared/input.ts';

// The label values of onyx-core's business metrics (the SPEC's schema): every label comes from a
// small fixed set, and raw numbers never become label values.

export const CHAT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'llama-3.1-8b'] as const;
export const VECTOR_COUNT_BUCKETS = ['le_1k', 'le_10k', 'le_100k', 'gt_100k'] as const;
export const SIMILARITY_THRESHOLDS = ['0.5', '0.7', '0.8', '0.9'] as const;
export const TASK_TYPES = ['document_indexing', 'summarization', 'web_search', 'code_execution', 'agent_workflow'] as const;
export const AGENT_TYPES = ['research', 'coding', 'support', 'data_analysis'] as const;
export const AGENT_STATUSES = ['running', 'idle'] as const;

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

export function chatModel(value: string): string {
  return (CHAT_MODELS as readonly string[]).includes(value) ? value : 'other';
}
