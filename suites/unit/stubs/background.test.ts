import { describe, expect, it } from 'vitest';
import type { StubService } from '../../../stack/stubs/index.ts';
import { sampleValue, startStub, until } from './helpers.ts';

// The background activity calls each stub's own API, so its metrics move with no driver at all.
const MOVED_BY_BACKGROUND: Record<StubService, [string, Record<string, string>][]> = {
  suna: [['http_requests_total', { route: '/api/chat', status_code: '200' }]],
  'onyx-core': [
    ['onyx_chat_duration_seconds_count', { model: 'gpt-4o-mini', success: 'true' }],
    ['onyx_rag_retrieval_duration_seconds_count', { vector_count: 'le_10k', similarity_threshold: '0.8' }],
    ['onyx_rag_retrieval_accuracy_score_count', {}],
    ['onyx_task_completion_total', { task_type: 'summarization', duration_category: 'lt_1s' }],
  ],
  litellm: [['litellm_proxy_total_requests_metric_total', { status_code: '200', requested_model: 'gpt-4o-mini', model_id: 'None' }]],
  qdrant: [
    ['rest_responses_total', { endpoint: '/collections/{name}/points/search', status: '200' }],
    ['grpc_responses_total', { endpoint: '/qdrant.Points/Search' }],
    ['collections_vector_total', {}],
  ],
};

describe('background activity', () => {
  it('moves every stub\'s metrics on its own, four stubs in one process, and stops for good', async () => {
    const services = Object.keys(MOVED_BY_BACKGROUND) as StubService[];
    const stubs = await Promise.all(services.map((s) => startStub(s, 20)));
    try {
      for (const [i, service] of services.entries()) {
        for (const [name, labels] of MOVED_BY_BACKGROUND[service]) {
          await until(`${service} ${name}`, async () => {
            const value = sampleValue(await stubs[i]!.scrape(), name, labels);
            return value !== undefined && value > 0 ? value : undefined;
          });
        }
      }
    } finally {
      await Promise.all(stubs.map((s) => s.stub.stop()));
    }
    // Own registries: the litellm stub has no onyx metrics, and nothing moves after stop().
    const litellmText = await stubs[services.indexOf('litellm')]!.stub.registry.metrics();
    expect(litellmText).not.toContain('onyx_');
    const onyx = stubs[services.indexOf('onyx-core')]!.stub.registry;
    const before = sampleValue(await onyx.metrics(), 'onyx_chat_duration_seconds_count', { model: 'gpt-4o-mini' });
    await new Promise((r) => setTimeout(r, 150));
    expect(sampleValue(await onyx.metrics(), 'onyx_chat_duration_seconds_count', { model: 'gpt-4o-mini' })).toBe(before);
  });

  it('is off with an interval of 0', async () => {
    const suna = await startStub('suna', 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(sampleValue(await suna.scrape(), 'http_requests_total', { route: '/api/chat' })).toBeUndefined();
    await suna.stub.stop();
    await suna.stub.stop();
  });
});
