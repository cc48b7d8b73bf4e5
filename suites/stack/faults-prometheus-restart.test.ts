import { beforeAll, expect, it } from 'vitest';
import { PrometheusClient, prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { countStoredSamples, publishedUrl, restartContainer, volumeAt, type StoredSamples } from '../checks/faults/prometheus-restart.ts';
import { firstUpSample } from '../checks/faults/stopped-service.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

// Runs after every other suite (vitest.config.ts): Prometheus comes back on a new host port, which
// the shared stack's description does not know.

const DATA_DIR = '/prometheus';
const SCRAPE_S = 15;
/** T lies this far back: every scrape and rule evaluation stamped before T is stored by then (scrape timeout 10 s). */
const SETTLED_MS = 2 * SCRAPE_S * 1000;
/** At least four scrapes of every target in the window; at most 30 minutes, to keep the answer a few MB. */
const MIN_WINDOW_S = 60;
const MAX_WINDOW_S = 1800;
const log = (line: string) => process.stderr.write(`[faults] ${line}\n`);

describeOnStack('Prometheus restarted on its data volume: the samples stored before are all still there', (stack) => {
  const container = stack?.prometheusContainer ?? '';
  let atMs: number;
  let windowS: number;
  let before: StoredSamples;
  let after: StoredSamples;
  let volumes: { before: string; after: string };
  let restarted: PrometheusClient;
  let restartedAt: number;

  beforeAll(async () => {
    const prom = prometheusClient(stack);
    const start = await waitFor(
      'a stored process_start_time_seconds of job prometheus',
      async () => (await prom.instant('process_start_time_seconds{job="prometheus"}'))[0],
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    // A stack started for this file alone has a short past: wait until the window can hold four scrapes.
    const wait = (start.value + MIN_WINDOW_S) * 1000 + SETTLED_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    atMs = Math.floor((Date.now() - SETTLED_MS) / 1000) * 1000;
    windowS = Math.min(MAX_WINDOW_S, Math.floor(atMs / 1000 - start.value));

    volumes = { before: await volumeAt(container, DATA_DIR), after: '' };
    before = await countStoredSamples(prom, atMs, windowS);
    log(`before the restart, at T=${new Date(atMs).toISOString()} over ${windowS} s: ${before.samples} samples in ${before.series} series, ${before.upSamples} of them up`);

    restartedAt = Date.now() / 1000;
    await restartContainer(container, 30);
    restarted = new PrometheusClient(await publishedUrl(container, 9090), stack.metricsUser, stack.metricsPassword);
    // The query API answers 503 until the TSDB is open again and the WAL replayed.
    const readySeconds = await waitFor(
      'Prometheus answering queries after its restart',
      async () => ((await restarted.instant('vector(1)')).length ? Date.now() / 1000 - restartedAt : undefined),
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    log(`restarted (docker restart, SIGTERM then start) and answering queries ${readySeconds.toFixed(1)} s after the restart began, at ${restarted.baseUrl}`);

    volumes.after = await volumeAt(container, DATA_DIR);
    after = await countStoredSamples(restarted, atMs, windowS);
    log(`after the restart, at the same T over the same ${windowS} s: ${after.samples} samples in ${after.series} series, ${after.upSamples} of them up`);
  });

  it('keeps the same named volume at /prometheus', () => {
    expect(volumes.before).toMatch(/prometheus-data$/);
    expect(volumes.after).toBe(volumes.before);
  });

  it('counts as many raw samples at the same T after the restart as before, in as many series', () => {
    expect(before.samples, 'samples stored before the restart').toBeGreaterThan(before.series * 3);
    expect(after.samples, `samples at T: ${before.samples} before, ${after.samples} after`).toBeGreaterThanOrEqual(before.samples);
    expect(after.series, `series at T: ${before.series} before, ${after.series} after`).toBeGreaterThanOrEqual(before.series);
    expect(after.upSamples, 'sum(count_over_time(up[window])) at T').toBeGreaterThanOrEqual(before.upSamples);
  });

  it('scrapes again after the restart', async () => {
    await firstUpSample(restarted, 'prometheus', 1, restartedAt, 60_000);
  });
});
