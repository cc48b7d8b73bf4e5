import { DEPLOYMENTS, LITELLM_LATENCY_BUCKETS } from '../../../stack/stubs/litellm.ts';
import { BACKGROUND_RETRIEVAL, durationCategory } from '../../../stack/stubs/onyx-core-labels.ts';
import { chatCalls, llmCalls, retrievalCalls, taskCalls, type Workload } from '../../../stack/workload/workload.ts';
import { SPEC_BUSINESS_METRICS } from '../spec-schema.ts';
import { histogramQuantile } from './quantile.ts';

// What each dashboard panel must show for the known workload, computed from the workload alone
// (plus, for the one panel the background activity also feeds, the background measured in the
// same window). Rates are per second over the measured window.

export interface ExpectedSeries {
  labels: Record<string, string>;
  value: number;
  /** For quantiles: the buckets in play, so a failure can name the bucket. */
  buckets?: readonly number[];
}

export type QuerySource = { dashboard: string; panel: string; index: number } | { own: string; why: string };

export interface Expectation {
  what: string;
  source: QuerySource;
  /** The service whose samples the query reads: the window is aligned to its scrapes. */
  service: 'onyx-core' | 'litellm';
  variables: Record<string, string>;
  series: ExpectedSeries[];
}

export interface WindowFacts {
  /** Seconds between the stored scrape before the workload and the one after it. */
  seconds: number;
  /** Retrievals the onyx-core background made in the window (it scores each BACKGROUND_RETRIEVAL.accuracy_score). */
  backgroundRetrievals: number;
}

const bucketsOf = (name: string) => SPEC_BUSINESS_METRICS.find((m) => m.name === name)!.buckets!;
const CHAT_BUCKETS = bucketsOf('onyx_chat_duration_seconds');
const RETRIEVAL_BUCKETS = bucketsOf('onyx_rag_retrieval_duration_seconds');
const escapeRegex = (s: string) => s.replace(/[.+*?()|[\]{}^$\\]/g, (c) => `\\\\${c}`);
const anyOf = (values: Iterable<string>) => [...new Set(values)].map(escapeRegex).join('|');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const LLM = 'LLM Metrics';
const RAG = 'RAG Performance';

function llmExpectations(w: Workload, perSecond: (n: number) => number): Expectation[] {
  const calls = llmCalls(w).map((c) => ({ ...c, deployment: DEPLOYMENTS[c.model]! }));
  const ok = calls.filter((c) => c.success);
  const upstream = { model: anyOf(calls.map((c) => c.deployment.upstreamModel)) };
  const requested = { model: anyOf(calls.map((c) => c.model)) };
  const byUpstream = [...groupBy(ok, (c) => c.deployment.upstreamModel)];
  const latency = (q: number) =>
    byUpstream.map(([model, cs]) => ({
      labels: { model },
      value: histogramQuantile(q, LITELLM_LATENCY_BUCKETS, cs.map((c) => c.latencyMs / 1000)),
      buckets: LITELLM_LATENCY_BUCKETS,
    }));
  const panel = (name: string, index = 0) => ({ dashboard: LLM, panel: name, index });
  return [
    { what: 'LiteLLM total latency p95', source: panel('LiteLLM request latency p95 per model'), service: 'litellm', variables: upstream, series: latency(0.95) },
    { what: 'LLM API latency p50', source: panel('LLM API call latency per model'), service: 'litellm', variables: upstream, series: latency(0.5) },
    { what: 'LLM API latency p95', source: panel('LLM API call latency per model', 1), service: 'litellm', variables: upstream, series: latency(0.95) },
    {
      what: 'LiteLLM proxy success ratio',
      source: panel('LiteLLM proxy success rate per requested model'),
      service: 'litellm',
      variables: requested,
      series: [...groupBy(calls, (c) => c.model)].map(([model, cs]) => ({ labels: { requested_model: model }, value: cs.filter((c) => c.success).length / cs.length })),
    },
    {
      what: 'LLM requests per second',
      source: panel('LLM requests per model'),
      service: 'litellm',
      variables: requested,
      series: [...groupBy(calls, (c) => `${c.deployment.provider}/${c.deployment.upstreamModel}`)].map(([name, cs]) => ({
        labels: { litellm_model_name: name },
        value: perSecond(cs.length),
      })),
    },
    ...(['input', 'output'] as const).map((kind, index) => ({
      what: `${kind} tokens per second`,
      source: panel('Tokens per second per model', index),
      service: 'litellm' as const,
      variables: upstream,
      series: byUpstream.map(([model, cs]) => ({ labels: { model }, value: perSecond(sum(cs.map((c) => (kind === 'input' ? c.promptTokens : c.completionTokens)))) })),
    })),
    {
      what: 'spend per hour',
      source: panel('Spend per hour per model'),
      service: 'litellm',
      variables: upstream,
      series: byUpstream.map(([model, cs]) => ({
        labels: { model },
        value: perSecond(sum(cs.map((c) => c.promptTokens * c.deployment.usdPerInputToken + c.completionTokens * c.deployment.usdPerOutputToken))) * 3600,
      })),
    },
  ];
}

function chatExpectations(w: Workload): Expectation[] {
  const byModel = [...groupBy(chatCalls(w), (c) => c.model)];
  const variables = { model: anyOf(byModel.map(([m]) => m)) };
  return [
    {
      what: 'chat duration p95',
      source: { dashboard: LLM, panel: 'Chat duration p95 per model (onyx-core)', index: 0 },
      service: 'onyx-core',
      variables,
      series: byModel.map(([model, cs]) => ({ labels: { model }, value: histogramQuantile(0.95, CHAT_BUCKETS, cs.map((c) => c.latencyMs / 1000)), buckets: CHAT_BUCKETS })),
    },
    {
      what: 'chat success ratio',
      source: { dashboard: LLM, panel: 'Chat success rate per model (onyx-core)', index: 0 },
      service: 'onyx-core',
      variables,
      series: byModel.map(([model, cs]) => ({ labels: { model }, value: cs.filter((c) => c.success).length / cs.length })),
    },
  ];
}

function ragExpectations(w: Workload, facts: WindowFacts, perSecond: (n: number) => number): Expectation[] {
  const calls = retrievalCalls(w);
  const variables = { vector_count: anyOf(calls.map((c) => c.vectorCount)) };
  const seconds = (cs: typeof calls) => cs.map((c) => c.latencyMs / 1000);
  const panel = (name: string, index = 0) => ({ dashboard: RAG, panel: name, index });
  const background = facts.backgroundRetrievals;
  const scores = calls.map((c) => c.score);
  return [
    ...[0.5, 0.95, 0.99].map((q, index) => ({
      what: `retrieval latency p${Math.round(q * 100)}`,
      source: panel('Retrieval latency p50 / p95 / p99', index),
      service: 'onyx-core' as const,
      variables,
      series: [{ labels: {}, value: histogramQuantile(q, RETRIEVAL_BUCKETS, seconds(calls)), buckets: RETRIEVAL_BUCKETS }],
    })),
    {
      what: 'retrieval latency p95 per collection size and threshold',
      source: panel('Retrieval latency p95 per collection size and threshold'),
      service: 'onyx-core',
      variables,
      series: [...groupBy(calls, (c) => `${c.vectorCount}\0${c.similarityThreshold}`)].map(([, cs]) => ({
        labels: { vector_count: cs[0]!.vectorCount, similarity_threshold: cs[0]!.similarityThreshold },
        value: histogramQuantile(0.95, RETRIEVAL_BUCKETS, seconds(cs)),
        buckets: RETRIEVAL_BUCKETS,
      })),
    },
    {
      what: 'retrievals per second',
      source: panel('Retrievals per second'),
      service: 'onyx-core',
      variables,
      series: [...groupBy(calls, (c) => c.similarityThreshold)].map(([threshold, cs]) => ({ labels: { similarity_threshold: threshold }, value: perSecond(cs.length) })),
    },
    {
      what: 'mean retrieval accuracy (workload plus the measured background)',
      source: panel('Retrieval accuracy'),
      service: 'onyx-core',
      variables,
      series: [{ labels: {}, value: (sum(scores) + background * BACKGROUND_RETRIEVAL.accuracy_score) / (scores.length + background) }],
    },
    {
      what: 'share of retrievals scoring 0.5 or less (workload plus the measured background)',
      source: panel('Retrieval accuracy', 1),
      service: 'onyx-core',
      variables,
      series: [{ labels: {}, value: (scores.filter((s) => s <= 0.5).length + (BACKGROUND_RETRIEVAL.accuracy_score <= 0.5 ? background : 0)) / (scores.length + background) }],
    },
  ];
}

/** Tasks and agents: no dashboard panel shows them, so the check's own queries do. */
function taskAndAgentExpectations(w: Workload, perSecond: (n: number) => number, seconds: number): Expectation[] {
  const tasks = taskCalls(w);
  const agentTypes = anyOf(w.agents.map((a) => a.agentType));
  const why = 'no dashboard panel shows it; the check queries it itself';
  return [
    {
      what: 'task completions per second',
      source: { own: 'sum by (task_type, success, duration_category) (rate(onyx_task_completion_total{task_type=~"$task_type"}[$__rate_interval]))', why },
      service: 'onyx-core',
      variables: { task_type: anyOf(tasks.map((t) => t.taskType)) },
      series: [...groupBy(tasks, (t) => `${t.taskType}\0${t.success}`)].map(([, ts]) => ({
        labels: { task_type: ts[0]!.taskType, success: String(ts[0]!.success), duration_category: durationCategory(ts[0]!.durationMs) },
        value: perSecond(ts.length),
      })),
    },
    {
      what: 'change of the active-agents gauge over the window',
      source: {
        own: `sum by (agent_type, status) (onyx_active_agents{agent_type=~"$agent_type"}) - sum by (agent_type, status) (onyx_active_agents{agent_type=~"$agent_type"} offset ${Math.round(seconds * 1000)}ms)`,
        why,
      },
      service: 'onyx-core',
      variables: { agent_type: agentTypes },
      series: w.agents.map((a) => ({ labels: { agent_type: a.agentType, status: a.status }, value: a.start - a.stop })),
    },
  ];
}

export function expectationsFor(w: Workload, facts: WindowFacts): Expectation[] {
  const perSecond = (n: number) => n / facts.seconds;
  return [...chatExpectations(w), ...llmExpectations(w, perSecond), ...ragExpectations(w, facts, perSecond), ...taskAndAgentExpectations(w, perSecond, facts.seconds)];
}
