import { request } from 'undici';
import { expect, it } from 'vitest';
import { docker } from '../../stack/launcher/docker-cli.ts';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { describeOnStack } from './stack-context.ts';


const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const MALFORMED: Record<string, string> = {
  'not base64': 'Basic !!!not-base64***',
  'no colon': `Basic ${b64('just-a-user')}`,
  'very long': `Basic ${'A'.repeat(7_000)}`,
  'odd bytes': `Basic ${b64(Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28]))}`,
  'wrong scheme': 'Bearer some-token',
  'empty': 'Basic ',
};

async function status(url: string, authorization?: string): Promise<number> {
  const res = await request(url, { headers: authorization ? { authorization } : {}, headersTimeout: 10_000 });
  await res.body.dump();
  return res.statusCode;
}

describeOnStack('every scraped endpoint guards its metrics', (stack) => {
  const endpoints = stack ? stack.services.filter((s) => s.metricsUrl) : [];

  it.each(endpoints.map((s) => [s.name, s.metricsUrl!] as const))(
    '%s: wrong and malformed credentials get 400/401, never a 5xx, and it keeps serving',
    async (_name, url) => {
      const good = basicAuthHeader(stack.metricsUser, stack.metricsPassword);
      expect(await status(url, basicAuthHeader(stack.metricsUser, 'wrong-password'))).toBe(401);
      expect(await status(url, basicAuthHeader('nobody', stack.metricsPassword))).toBe(401);
      for (const [kind, header] of Object.entries(MALFORMED)) {
        expect([400, 401], `${kind}: ${url}`).toContain(await status(url, header));
      }
      expect(await status(url, good)).toBe(200);
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
