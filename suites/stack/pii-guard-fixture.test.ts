import { afterAll, beforeAll, expect, it } from 'vitest';
import { storyChatStub } from '../../fixtures/stubs/story-chat-with-user-id.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { createStubRuntime } from '../../stack/stubs/shared/runtime.ts';
import { gatherGuardEvidence } from '../checks/guard/gather-guard.ts';
import { loadPiiConfig, loadSeriesBudget } from '../checks/guard/pii-config.ts';
import { judgeGuard } from '../checks/guard/pii-guard.ts';
import { startFixturePrometheus, type FixturePrometheus } from './fixture-prometheus.ts';
import { describeOnStack } from './stack-context.ts';

const CREDS = { user: 'fixture', password: 'fixture-password' };

// The story's chat histogram with user_id, in this process, stored by a real Prometheus (the
// stack's image on the host network, no relabelling): the guard must fail naming metric and label.
describeOnStack('the PII guard fails on a stored user_id label (fixture)', () => {
  const stub = createStubRuntime(storyChatStub, 'onyx-core', { port: 0, host: '127.0.0.1', metricsUser: CREDS.user, metricsPassword: CREDS.password, backgroundIntervalMs: 0, log: () => {} });
  let port = 0;
  let prometheus: FixturePrometheus | undefined;

  beforeAll(async () => {
    port = await stub.start();
    prometheus = await startFixturePrometheus([{ job: 'story-chat', port, metricsPath: stub.metricsPath }], CREDS);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await stub.stop();
  });

  it('names onyx_chat_duration_seconds and user_id, as exposed and as stored', async () => {
    for (const user_id of ['u-1842', 'u-2290']) {
      await fetch(`http://127.0.0.1:${port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', user_id }) });
    }
    const info = {
      prometheusUrl: prometheus!.url,
      metricsUser: CREDS.user,
      metricsPassword: CREDS.password,
      services: [{ name: 'story-chat', scrapeJob: 'story-chat', metricsUrl: `http://127.0.0.1:${port}${stub.metricsPath}` }],
    } as unknown as StackInfo;
    const pii = loadPiiConfig();
    const result = judgeGuard(await gatherGuardEvidence(info, pii), pii, loadSeriesBudget());
    expect(result.result).toBe('FAIL');
    expect(result.details).toContain('onyx_chat_duration_seconds: label user_id is stored (identifies a person (LiteLLM: user, end_user))');
    expect(result.details).toContain('story-chat exposes onyx_chat_duration_seconds with label user_id (identifies a person (LiteLLM: user, end_user)), and STORED');
  });
});
