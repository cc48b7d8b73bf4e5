import { describe, expect, it } from 'vitest';
import { cfsQuota, planCaps } from '../../../stack/model/caps.ts';
import { KVM4 } from '../../../stack/model/profiles.ts';

describe('planning resource caps for the host', () => {
  it('clamps a CPU cap above the host cores and says so', () => {
    const profile = { ...KVM4, caps: { big: { cpu: 3, memoryMiB: 512 }, small: { cpu: 0.5, memoryMiB: 256 } } };
    const plan = planCaps(profile, 2);
    expect(plan.caps.big).toEqual({ cpu: 2, memoryMiB: 512, requestedCpu: 3, cpuPeriodMs: 1000 });
    expect(plan.caps.small).toEqual({ cpu: 0.5, memoryMiB: 256, cpuPeriodMs: 1000 });
    expect(plan.warnings.join('\n')).toContain('big: CPU cap 3 of profile kvm4 clamped to the host');
  });

  it('warns when the profile as a whole asks for more cores than the host has', () => {
    expect(planCaps(KVM4, 2).warnings.some((w) => w.includes('splits 4 vCPU but this host has 2'))).toBe(true);
    expect(planCaps(KVM4, 8).warnings).toEqual([]);
  });

  it("enforces each cap over the profile's CFS period, Docker's 100 ms when it names none", () => {
    const { caps } = planCaps({ name: 'p', totalCpu: 1, totalMemoryMiB: 512, caps: { a: { cpu: 0.2, memoryMiB: 64 } } }, 2);
    expect(caps.a!.cpuPeriodMs).toBe(100);
    expect(cfsQuota(caps.a!)).toEqual({ CpuPeriod: 100_000, CpuQuota: 20_000 });
    expect(cfsQuota(planCaps(KVM4, 2).caps['redis-exporter']!)).toEqual({ CpuPeriod: 1_000_000, CpuQuota: 200_000 });
  });
});
