import { describe, expect, it } from 'vitest';
import { findExternalImage } from '../../../stack/launcher/external-image.ts';

describe('findExternalImage', () => {
  it('uses an image the engine holds', async () => {
    const calls: string[][] = [];
    const found = await findExternalImage('grafana/grafana-oss:11.6.3', async (args) => { calls.push(args); return 'sha256:1'; });
    expect(found).toEqual({ ref: 'grafana/grafana-oss:11.6.3', available: true });
    expect(calls).toEqual([['image', 'inspect', '--format', '{{.Id}}', 'grafana/grafana-oss:11.6.3']]);
  });

  it('never pulls a missing image: it says what to do instead', async () => {
    const calls: string[][] = [];
    const found = await findExternalImage('grafana/grafana-oss:11.6.3', async (args) => {
      calls.push(args);
      throw new Error('No such image: grafana/grafana-oss:11.6.3');
    });
    expect(calls.map((args) => args[0])).toEqual(['image']);
    expect(found.available).toBe(false);
    if (!found.available) expect(found.reason).toMatch(/not in the engine.*never pulls.*docker pull grafana\/grafana-oss:11\.6\.3/);
  });
});
