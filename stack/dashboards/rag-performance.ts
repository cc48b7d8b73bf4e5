import type { DashboardSpec } from './panels.ts';

// Retrieval in onyx-core (onyx_rag_retrieval_duration_seconds, onyx_rag_retrieval_accuracy_score)
// and the vector search behind it in Qdrant (its rest_* and grpc_* response families).

const vc = 'vector_count=~"$vector_count"';
const retrievals = (filter: string) => `rate(onyx_rag_retrieval_duration_seconds_bucket{${filter}}[$__rate_interval])`;
const SEARCH = 'endpoint=~".*/points/(search|query).*"';

export const RAG_PERFORMANCE: DashboardSpec = {
  uid: 'onyx-rag-performance',
  title: 'RAG Performance',
  description: 'Retrieval latency and accuracy in onyx-core, and Qdrant vector search.',
  tags: ['rag', 'qdrant'],
  from: 'now-1h',
  variables: [
    { name: 'vector_count', label: 'Collection size', query: 'label_values(onyx_rag_retrieval_duration_seconds_bucket, vector_count)' },
  ],
  panels: [
    {
      title: 'Retrieval latency p50 / p95 / p99',
      description: 'Duration of a RAG retrieval in onyx-core, from its histogram.',
      unit: 's',
      queries: [0.5, 0.95, 0.99].map((q) => ({
        expr: `histogram_quantile(${q}, sum by (le) (${retrievals(vc)}))`,
        legend: `p${Math.round(q * 100)}`,
      })),
    },
    {
      title: 'Retrieval latency p95 per collection size and threshold',
      description: '95th percentile by vector_count bucket and similarity threshold.',
      unit: 's',
      queries: [
        {
          expr: `histogram_quantile(0.95, sum by (vector_count, similarity_threshold, le) (${retrievals(vc)}))`,
          legend: '{{vector_count}} @ {{similarity_threshold}}',
        },
      ],
    },
    {
      title: 'Retrievals per second',
      description: 'RAG retrievals per second by similarity threshold.',
      unit: 'reqps',
      queries: [
        {
          expr: `sum by (similarity_threshold) (rate(onyx_rag_retrieval_duration_seconds_count{${vc}}[$__rate_interval]))`,
          legend: 'threshold {{similarity_threshold}}',
        },
      ],
    },
    {
      title: 'Retrieval accuracy',
      description: 'Mean accuracy score (0 to 1) of retrievals that reported one, and the share scoring 0.5 or less.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr: 'sum(rate(onyx_rag_retrieval_accuracy_score_sum[$__rate_interval])) / sum(rate(onyx_rag_retrieval_accuracy_score_count[$__rate_interval]))',
          legend: 'mean score',
        },
        {
          expr: 'sum(rate(onyx_rag_retrieval_accuracy_score_bucket{le="0.5"}[$__rate_interval])) / sum(rate(onyx_rag_retrieval_accuracy_score_count[$__rate_interval]))',
          legend: 'share scoring <= 0.5',
        },
      ],
    },
    {
      title: 'Qdrant vector searches per second',
      description: 'Search and query calls answered by Qdrant, over REST and gRPC.',
      unit: 'reqps',
      queries: [
        { expr: `sum by (endpoint) (rate(rest_responses_total{${SEARCH}}[$__rate_interval]))`, legend: 'REST {{endpoint}}' },
        { expr: 'sum by (endpoint) (rate(grpc_responses_total{endpoint=~"/qdrant.Points/(Search|Query).*"}[$__rate_interval]))', legend: 'gRPC {{endpoint}}' },
      ],
    },
    {
      title: 'Qdrant search latency p95',
      description: '95th percentile of Qdrant search response time (successful responses), REST and gRPC.',
      unit: 's',
      queries: [
        {
          expr: `histogram_quantile(0.95, sum by (endpoint, le) (rate(rest_responses_duration_seconds_bucket{${SEARCH}}[$__rate_interval])))`,
          legend: 'REST {{endpoint}}',
        },
        {
          expr: 'histogram_quantile(0.95, sum by (endpoint, le) (rate(grpc_responses_duration_seconds_bucket{endpoint=~"/qdrant.Points/(Search|Query).*"}[$__rate_interval])))',
          legend: 'gRPC {{endpoint}}',
        },
      ],
    },
    {
      title: 'Qdrant failed responses',
      description: 'Share of Qdrant REST responses with a 4xx or 5xx status; 0 when there were none.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr:
            '(sum(rate(rest_responses_total{status=~"[45].."}[$__rate_interval])) or sum(rate(rest_responses_total[$__rate_interval])) * 0)' +
            ' / sum(rate(rest_responses_total[$__rate_interval]))',
          legend: 'REST',
        },
      ],
    },
    {
      title: 'Qdrant vectors stored',
      description: 'Vectors in all collections, and the number of collections.',
      unit: 'short',
      lintExclusions: [
        { rule: 'target-counter-agg-rule', reason: 'collections_total and collections_vector_total are gauges in Qdrant despite their suffix' },
      ],
      queries: [
        { expr: 'collections_vector_total', legend: 'vectors' },
        { expr: 'collections_total', legend: 'collections' },
      ],
    },
  ],
};
