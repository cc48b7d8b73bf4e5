import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { parseExposition } from '../../checks/exposition/parse.ts';
import { judgeSpecSchema } from '../../checks/schema/spec-schema-check.ts';
import { stubForSuite } from '../stubs/helpers.ts';

const fixture = (name: string) => parseExposition(readFileSync(resolve(REPO_ROOT, 'fixtures/exposition', name), 'utf8'));

describe('SPEC schema check on fixture expositions', () => {
  it('passes the conforming exposition', () => {
    const result = judgeSpecSchema(fixture('onyx-core-conforming.prom'));
    expect(result.details).toEqual([]);
    expect(result.result).toBe('PASS');
  });

  it('fails a changed bucket, naming the metric and both bucket lists', () => {
    const result = judgeSpecSchema(fixture('onyx-core-changed-bucket.prom'));
    expect(result.result).toBe('FAIL');
    expect(result.details).toEqual(['onyx_chat_duration_seconds: buckets 0.1, 0.5, 1, 2, 2.5, 5, the SPEC says 0.1, 0.5, 1, 1.5, 2, 5']);
  });

  it('fails an added label, naming the metric and the label', () => {
    const result = judgeSpecSchema(fixture('onyx-core-user-id-label.prom'));
    expect(result.result).toBe('FAIL');
    expect(result.details).toEqual(['onyx_chat_duration_seconds: added label user_id']);
  });

  it('fails a missing metric, a wrong type and a metric without samples', () => {
    const families = fixture('onyx-core-conforming.prom')
      .filter((f) => f.name !== 'onyx_active_agents')
      .map((f) => (f.name === 'onyx_task_completion_total' ? { ...f, type: 'gauge' as const } : f))
      .map((f) => (f.name === 'onyx_rag_retrieval_accuracy_score' ? { ...f, samples: [] } : f));
    expect(judgeSpecSchema(families).details).toEqual([
      'onyx_task_completion_total: type gauge, the SPEC says counter',
      'onyx_active_agents: not exposed',
      'onyx_rag_retrieval_accuracy_score: exposed without samples, so its label names cannot be read',
    ]);
  });

  it('fails one series that carries one more label than its siblings', () => {
    const text = readFileSync(resolve(REPO_ROOT, 'fixtures/exposition/onyx-core-conforming.prom'), 'utf8').replace(
      'onyx_active_agents{agent_type="coding",status="idle"} 0',
      'onyx_active_agents{agent_type="coding",status="idle",session="s-1"} 0',
    );
    expect(judgeSpecSchema(parseExposition(text)).details).toEqual([
      'onyx_active_agents: added label session',
      'onyx_active_agents: a series carries labels {agent_type,session,status}, the SPEC says {agent_type,status}',
    ]);
  });
});

describe('SPEC schema check on the onyx-core stub in this process', () => {
  const core = stubForSuite('onyx-core');
  it('its exposition after one call of each kind matches the SPEC table', async () => {
    await core.post('/api/chat', { model: 'gpt-4o', latency_ms: 0 });
    await core.post('/api/rag/retrieve', { vector_count: 10, similarity_threshold: 0.7, latency_ms: 0, accuracy_score: 0.4 });
    await core.post('/api/tasks/complete', { task_type: 'web_search', duration_ms: 10 });
    const result = judgeSpecSchema(parseExposition(await core.scrape()));
    expect(result.details).toEqual([]);
  });
});
