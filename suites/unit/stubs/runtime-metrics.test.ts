import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectNodeRuntimeMetrics, SCRAPE_BLOCKING_DEFAULT_METRICS } from '../../../stack/stubs/shared/runtime-metrics.ts';

describe('Node runtime metrics of the stubs', () => {
  it('export the default process and nodejs families, event-loop lag from its histogram, not the scrape-blocking gauge nor GC durations', async () => {
    const registry = new Registry();
    collectNodeRuntimeMetrics(registry);
    const text = await registry.metrics();
    for (const name of ['process_cpu_user_seconds_total', 'process_open_fds', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    for (const name of [...SCRAPE_BLOCKING_DEFAULT_METRICS, 'nodejs_gc_duration_seconds']) expect(text).not.toContain(`# TYPE ${name} `);
  });
});
