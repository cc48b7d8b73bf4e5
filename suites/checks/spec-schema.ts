import type { MetricType } from './exposition/parse.ts';

/** One row of the SPEC's "Business metrics" table (/work/shared/SPEC.md): what onyx-core must expose. */
export interface SpecMetric {
  name: string;
  type: MetricType;
  /** Label names, sorted; `le` of a histogram is not one of them. */
  labels: string[];
  /** Finite bucket boundaries of a histogram, ascending (+Inf is implied). */
  buckets?: number[];
  /** Where the SPEC leaves the choice to us, what we chose and why. */
  note?: string;
}

export const SPEC_BUSINESS_METRICS: readonly SpecMetric[] = [
  { name: 'onyx_chat_duration_seconds', type: 'histogram', labels: ['model', 'success'], buckets: [0.1, 0.5, 1, 1.5, 2, 5] },
  {
    name: 'onyx_rag_retrieval_duration_seconds',
    type: 'histogram',
    labels: ['similarity_threshold', 'vector_count'],
    buckets: [0.05, 0.1, 0.2, 0.5, 1],
  },
  { name: 'onyx_task_completion_total', type: 'counter', labels: ['duration_category', 'success', 'task_type'] },
  { name: 'onyx_active_agents', type: 'gauge', labels: ['agent_type', 'status'] },
  {
    name: 'onyx_rag_retrieval_accuracy_score',
    type: 'histogram',
    labels: [],
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    note: 'SPEC: "your choice, documented". A histogram without labels, one observation per scored retrieval, so dashboards get the mean and the share below a threshold.',
  },
];

/** The service that exposes them, and the scrape job it runs under. */
export const BUSINESS_METRICS_SERVICE = 'onyx-core';
