import { describe, expect, it } from 'vitest';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { StackModel } from '../../../stack/model/schema.ts';

describe('the ONYX stack model', () => {
  it('scrapes all six core services, node-exporter and Prometheus itself every 15 s', () => {
    const jobs = ONYX_STACK.services.flatMap((s) => (s.scrape ? [s.scrape] : []));
    expect(new Set(jobs.flatMap((j) => (j.coreService ? [j.coreService] : [])))).toEqual(
      new Set(['suna', 'onyx-core', 'qdrant', 'supabase', 'redis', 'litellm']),
    );
    expect(jobs.map((j) => j.job)).toContain('node-exporter');
    expect(ONYX_STACK.scrapeIntervalSeconds).toBe(15);
  });

  it('gives every service a cap from the kvm4 profile within 4 vCPU and 16 GiB', () => {
    const caps = ONYX_STACK.services.map((s) => ONYX_STACK.profile.caps[s.name]);
    expect(caps.every((c) => c !== undefined)).toBe(true);
    const cpu = Object.values(ONYX_STACK.profile.caps).reduce((a, c) => a + c.cpu, 0);
    expect(cpu).toBeLessThanOrEqual(4 + 1e-9);
  });

  it('rejects a service that depends on an unknown service, a duplicate name, or a missing cap', () => {
    const base = structuredClone(ONYX_STACK);
    const broken = {
      ...base,
      services: [
        ...base.services,
        { ...base.services[0]!, name: 'ghost', dependsOn: ['nowhere'], scrape: undefined },
        { ...base.services[1]! },
      ],
    };
    const result = StackModel.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('ghost depends on unknown service nowhere');
    expect(messages).toContain('profile kvm4 has no cap for ghost');
    expect(messages).toContain('service onyx-core is defined twice');
  });

  it('rejects caps that add up to more than the profile has', () => {
    const greedy = structuredClone(ONYX_STACK);
    greedy.profile.caps.prometheus = { cpu: 3, memoryMiB: 2048 };
    const result = StackModel.safeParse(greedy);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('\n')).toMatch(/caps sum to \d+(\.\d+)? CPU, more than its 4/);
  });

  it('rejects a scrape port the service does not declare', () => {
    const wrong = structuredClone(ONYX_STACK);
    wrong.services[0]!.scrape!.port = 1234;
    expect(StackModel.safeParse(wrong).success).toBe(false);
  });
});
