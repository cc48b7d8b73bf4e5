import { describe, expect, it } from 'vitest';
import { planCaps } from '../../../stack/model/caps.ts';
import { KVM4 } from '../../../stack/model/profiles.ts';

describe('planning resource caps for the host', () => {
  it('clamps a CPU cap above the host cores and says so', () => {
    const profile = { ...KVM4, caps: { big: { cpu: 3, memoryMiB: 512 }, small: { cpu: 0.5, memoryMiB: 256 } } };
    const plan = planCaps(profile, 2);
    expect(plan.caps.big).toEqual({ cpu: 2, memoryMiB: 512, requestedCpu: 3 });
    expect(plan.caps.small).toEqual({ cpu: 0.5, memoryMiB: 256 });
    expect(plan.warnings.join('\n')).toContain('big: CPU cap 3 of profile kvm4 clamped to the host');
  });

  it('warns when the profile as a whole asks for more cores than the host has', () => {
    expect(planCaps(KVM4, 2).warnings.some((w) => w.includes('splits 4 vCPU but this host has 2'))).toBe(true);
    expect(planCaps(KVM4, 8).warnings).toEqual([]);
  });
});
