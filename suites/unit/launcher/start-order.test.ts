import { describe, expect, it } from 'vitest';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { startWaves } from '../../../stack/launcher/start-order.ts';

describe('start order', () => {
  it('starts each service after what it depends on, Prometheus last', () => {
    const waves = startWaves(ONYX_STACK.services).map((w) => w.map((s) => s.name));
    const waveOf = (name: string) => waves.findIndex((w) => w.includes(name));
    for (const s of ONYX_STACK.services) for (const d of s.dependsOn) expect(waveOf(d)).toBeLessThan(waveOf(s.name));
    expect(waves.at(-1)).toEqual(['prometheus']);
  });

  it('names the services of a dependency cycle', () => {
    const [a, b] = ONYX_STACK.services;
    expect(() => startWaves([{ ...a!, dependsOn: [b!.name] }, { ...b!, dependsOn: [a!.name] }])).toThrow(/dependency cycle among: suna, onyx-core/);
  });
});
