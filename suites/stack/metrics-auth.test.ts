import { expect, it } from 'vitest';
import { docker } from '../../stack/engine/docker-cli.ts';
import { endpointAuthProblems } from '../checks/endpoint-auth.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack('every scraped endpoint guards its metrics', (stack) => {
  const endpoints = stack ? stack.services.filter((s) => s.metricsUrl) : [];

  it.each(endpoints.map((s) => [s.name, s.metricsUrl!] as const))(
    '%s: wrong and malformed credentials get 400/401, never a 5xx, and it keeps serving',
    async (_name, url) => {
      expect(await endpointAuthProblems(url, stack.metricsUser, stack.metricsPassword)).toEqual([]);
    },
  );

  it('redis_exporter, which has no auth of its own, cannot be reached past nginx from the stack network', async () => {
    const redis = stack.services.find((s) => s.name === 'redis')!;
    const probe = 'exec 3<>/dev/tcp/redis-exporter/9122 && echo open || echo closed';
    const answer = await docker(['exec', redis.container, 'bash', '-c', probe]).catch(() => 'closed');
    expect(answer.trim()).toBe('closed');
    // The same probe reaches nginx's port, so "closed" above is not a broken probe.
    const nginx = await docker(['exec', redis.container, 'bash', '-c', probe.replace('9122', '9121')]).catch(() => 'closed');
    expect(nginx.trim()).toBe('open');
  });
});
