import type { Service } from '../model/schema.ts';

/**
 * Groups services into waves: every service of a wave depends only on earlier waves, so a wave
 * starts all at once and the stack stops in the reverse order.
 */
export function startWaves(services: Service[]): Service[][] {
  const remaining = new Map(services.map((s) => [s.name, s]));
  const started = new Set<string>();
  const waves: Service[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining.values()].filter((s) => s.dependsOn.every((d) => started.has(d)));
    if (wave.length === 0) {
      throw new Error(`dependency cycle among: ${[...remaining.keys()].join(', ')}`);
    }
    for (const s of wave) {
      remaining.delete(s.name);
      started.add(s.name);
    }
    waves.push(wave);
  }
  return waves;
}
