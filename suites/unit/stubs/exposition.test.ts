import { Counter, Gauge, Histogram, Registry, Summary, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { exposition, type Family } from '../../../stack/stubs/shared/exposition.ts';
import { STUB_SERVICE_NAMES } from '../../../stack/model/stub-services.ts';
import { startStub } from './helpers.ts';

/**
 * The registry's families as read once: runtime gauges (CPU, memory) move between two reads, so
 * both writers are given the same reading.
 */
async function frozen(registry: Registry): Promise<Registry> {
  const copy = new Registry();
  for (const family of registry.getMetricsAsArray() as unknown as Family[]) {
    const read = await (family.getForPromString ? family.getForPromString() : family.get());
    copy.registerMetric({ name: read.name, help: read.help, type: read.type, get: async () => read, reset() {} } as unknown as Metric);
  }
  return copy;
}

describe('exposition: the stubs\' page writer', () => {
  it('writes every stub\'s page byte for byte as prom-client does, after real background activity', async () => {
    const stubs = await Promise.all(STUB_SERVICE_NAMES.map((s) => startStub(s, 5)));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.all(stubs.map((s) => s.stub.stop()));
    for (const { stub } of stubs) {
      const registry = await frozen(stub.registry);
      const expected = await registry.metrics();
      expect(expected.split('\n').length).toBeGreaterThan(100);
      expect(await exposition(registry)).toBe(expected);
      // Again, now from the frozen label sets' cached text.
      expect(await exposition(registry)).toBe(expected);
    }
  });

  it('escapes, writes special values and merges shared labels as prom-client does', async () => {
    const registry = new Registry();
    new Counter({ name: 'odd_total', help: 'help with \\ and\nnewline', labelNames: ['path', 'n'], registers: [registry] })
      .inc({ path: 'a\\b"c"\nd', n: 'plain' }, 2);
    const gauge = new Gauge({ name: 'special', help: 'h', labelNames: ['k'], registers: [registry] });
    gauge.set({ k: 'nan' }, NaN);
    gauge.set({ k: 'inf' }, Infinity);
    gauge.set({ k: 'neg' }, -Infinity);
    gauge.set({ k: 'small' }, 1e-7);
    new Gauge({ name: 'unlabelled', help: 'h', registers: [registry] });
    new Histogram({ name: 'lat_seconds', help: 'h', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] }).observe({ route: '/x' }, 0.5);
    new Summary({ name: 'sizes', help: 'h', percentiles: [0.5], registers: [registry] }).observe(3);
    registry.registerMetric({
      name: 'shared_example', help: 'h', type: 'histogram', aggregator: 'sum', reset() {},
      get: async () => ({ name: 'shared_example', help: 'h', type: 'histogram', aggregator: 'sum', values: [
        { metricName: 'shared_example_bucket', labels: { le: 0.5 }, sharedLabels: { method: 'GET', route: '/"q"' }, value: 1 },
        { metricName: 'shared_example_sum', labels: {}, sharedLabels: { method: 'GET', route: '/"q"' }, value: 0.25 },
        { metricName: 'shared_example_count', labels: { method: 'ignored' }, sharedLabels: { method: 'GET' }, value: 1 },
      ] }),
    } as never);
    const expected = await registry.metrics();
    expect(expected).toContain('path="a\\\\b\\"c\\"\\nd"');
    expect(await exposition(registry)).toBe(expected);
  });
});
