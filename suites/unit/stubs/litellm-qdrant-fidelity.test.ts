import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../stack/stubs/manifests/load.ts';
import { compareWithManifest, describeFidelity } from '../../checks/fidelity/compare.ts';
import { parseExposition } from '../../checks/exposition/parse.ts';
import { send, stubForSuite } from './helpers.ts';

// The stubs against their manifests without Docker, after the calls a plain user makes: the same
// comparison the stack's fidelity check makes, so a drift shows here first.

describe('litellm stub against its manifest', () => {
  const litellm = stubForSuite('litellm');

  it('exposes every family of the manifest, and no other, after a call, a streamed call and a failed call', async () => {
    const manifest = (await loadManifest('litellm'))!;
    const chat = (extra: object) => litellm.post('/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra });
    expect((await chat({ stub: { latency_ms: 5 } })).status).toBe(200);
    expect((await chat({ stream: true, stub: { latency_ms: 5 } })).status).toBe(200);
    expect((await chat({ stub: { latency_ms: 5, success: false, status_code: 503 } })).status).toBe(503);
    expect(describeFidelity(compareWithManifest(manifest, parseExposition(await litellm.scrape())))).toEqual([]);
  });
});

describe('litellm stub after a plain call only', () => {
  const litellm = stubForSuite('litellm');

  it('reports the stream-only and failure-only families of the manifest missing, by name', async () => {
    const manifest = (await loadManifest('litellm'))!;
    expect((await litellm.post('/chat/completions', { model: 'gpt-4o', stub: { latency_ms: 5 } })).status).toBe(200);
    const missing = compareWithManifest(manifest, parseExposition(await litellm.scrape())).map((d) => `${d.kind} ${d.family}`);
    // Each with its _created gauge, which prometheus_client writes once a child exists.
    expect(missing.sort()).toEqual([
      'missing litellm_deployment_failure_responses_created',
      'missing litellm_deployment_failure_responses_total',
      'missing litellm_llm_api_failed_requests_metric_created',
      'missing litellm_llm_api_failed_requests_metric_total',
      'missing litellm_llm_api_time_to_first_token_metric',
      'missing litellm_llm_api_time_to_first_token_metric_created',
      'missing litellm_proxy_failed_requests_metric_created',
      'missing litellm_proxy_failed_requests_metric_total',
    ]);
  });
});

describe('qdrant stub against its manifest', () => {
  const qdrant = stubForSuite('qdrant');

  it('exposes every family a single node of the release serves after an upsert, a search and a gRPC call', async () => {
    const manifest = (await loadManifest('qdrant'))!;
    expect((await send(qdrant.base, 'PUT', '/collections/docs', { vectors: { size: 2 } })).status).toBe(200);
    expect((await send(qdrant.base, 'PUT', '/collections/docs/points', { points: [{ id: 1, vector: [1, 0] }] })).status).toBe(200);
    expect((await send(qdrant.base, 'POST', '/collections/docs/points/search', { vector: [1, 0] })).status).toBe(200);
    expect((await qdrant.post('/stub/grpc', { endpoint: '/qdrant.Points/Search', latency_ms: 1 })).status).toBe(200);
    expect(describeFidelity(compareWithManifest(manifest, parseExposition(await qdrant.scrape())))).toEqual([]);
  });
});
