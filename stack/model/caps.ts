import type { Cap, ResourceProfile } from './schema.ts';

/** Docker's `--cpus` enforces its cap over this CFS period. */
export const DOCKER_CPU_PERIOD_MS = 100;

export interface EffectiveCap extends Cap {
  /** The cap the profile asked for, when the host could not give it. */
  requestedCpu?: number;
  /** The CFS period the CPU cap is enforced over. */
  cpuPeriodMs: number;
}

/** The CFS period a profile's caps hold over. */
export function cpuPeriodMsOf(profile: Pick<ResourceProfile, 'cpuPeriodMs'>): number {
  return profile.cpuPeriodMs ?? DOCKER_CPU_PERIOD_MS;
}

/** The engine's CFS settings for a cap (microseconds): `cpu` cores' worth of every period. */
export function cfsQuota(cap: Pick<EffectiveCap, 'cpu' | 'cpuPeriodMs'>): { CpuPeriod: number; CpuQuota: number } {
  const period = cap.cpuPeriodMs * 1000;
  return { CpuPeriod: period, CpuQuota: Math.round(cap.cpu * period) };
}

export interface CapPlan {
  caps: Record<string, EffectiveCap>;
  /** One line per compromise, for the console and the report. */
  warnings: string[];
}

/**
 * The engine refuses a CPU cap above the host's cores ("Range of CPUs is from 0.01 to N"), so
 * such a cap is clamped to the host and the compromise is recorded, never hidden.
 */
export function planCaps(profile: ResourceProfile, hostCpus: number): CapPlan {
  const caps: Record<string, EffectiveCap> = {};
  const warnings: string[] = [];
  const cpuPeriodMs = cpuPeriodMsOf(profile);
  for (const [service, cap] of Object.entries(profile.caps)) {
    if (cap.cpu > hostCpus) {
      caps[service] = { ...cap, cpuPeriodMs, cpu: hostCpus, requestedCpu: cap.cpu };
      warnings.push(`${service}: CPU cap ${cap.cpu} of profile ${profile.name} clamped to the host's ${hostCpus} cores`);
    } else {
      caps[service] = { ...cap, cpuPeriodMs };
    }
  }
  if (profile.totalCpu > hostCpus) {
    warnings.push(
      `profile ${profile.name} splits ${profile.totalCpu} vCPU but this host has ${hostCpus}: ` +
        'each container keeps its own cap, so under full load they compete for fewer cores than on the VPS',
    );
  }
  return { caps, warnings };
}
