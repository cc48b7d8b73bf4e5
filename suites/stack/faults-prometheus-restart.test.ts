import { afterAll, beforeAll, expect, it } from 'vitest';
import { STUB_AND_PROMETHEUS } from '../../fixtures/small-stacks/stub-and-prometheus.ts';
import { docker } from '../../stack/launcher/docker-cli.ts';
import { dataVolumeName, leftoverNames } from '../../stack/launcher/leftovers.ts';
import { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { createStackRun, type StackRun } from '../../stack/launcher/stack.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

// Prometheus replaced by a new container on its named data volume: the samples stored before are
// all still there. On a small stack of its own (the suna stub and Prometheus), so the shared
// stack's Prometheus keeps its port.

const log = (line: string) => process.stderr.write(`[faults] ${line}\n`);
const MIN_SCRAPES = 4;

function prometheusOf(run: StackRun): PrometheusClient {
  const { metricsUser, metricsPassword } = run.credentials.values;
  return new PrometheusClient(run.service('prometheus').url(9090), metricsUser, metricsPassword);
}

/** Samples stored in the hour before `at` (unix s): of suna's `up`, and of every series. */
async function countsAt(prom: PrometheusClient, at: number): Promise<{ up: number; all: number }> {
  const one = async (query: string) => (await prom.instant(query))[0]?.value ?? 0;
  return {
    up: await one(`sum(count_over_time(up{job="suna"}[1h] @ ${at}))`),
    all: await one(`sum(count_over_time({__name__=~".+"}[1h] @ ${at}))`),
  };
}

describeOnStack('Prometheus restarted on its data volume keeps what it stored', () => {
  const run = createStackRun({ model: STUB_AND_PROMETHEUS, onProgress: log });
  let before: { up: number; all: number };
  let after: { up: number; all: number };
  let at: number;
  let containers: [string, string];

  beforeAll(async () => {
    await run.start(60_000);
    const first = prometheusOf(run);
    await waitFor(
      `${MIN_SCRAPES} stored scrapes of suna`,
      async () => ((await first.rawSamples('up{job="suna"}', '5m'))[0]?.values.length ?? 0) >= MIN_SCRAPES || undefined,
      { timeoutMs: (MIN_SCRAPES + 3) * 15_000, intervalMs: 2_000 },
    );
    // 5 s back: every scrape that started before then has long been appended.
    at = Math.floor(Date.now() / 1000) - 5;
    before = await countsAt(first, at);
    const oldContainer = run.service('prometheus').container.getId();
    const started = performance.now();
    await run.restartService('prometheus', 60_000);
    const second = prometheusOf(run);
    log(`Prometheus replaced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    containers = [oldContainer, run.service('prometheus').container.getId()];
    after = await countsAt(second, at);
    log(`samples stored before ${at}: up{job="suna"} ${before.up} before the restart, ${after.up} after; all series ${before.all} before, ${after.all} after`);
  });
  afterAll(async () => {
    const left = await run.stop();
    expect(leftoverNames(left), 'the small run left resources').toEqual([]);
  });

  it('is a new container on the same named volume, labelled with the run', async () => {
    expect(containers[1]).not.toBe(containers[0]);
    const volume = dataVolumeName(STUB_AND_PROMETHEUS.name, run.runId, 'prometheus');
    const mounts = await docker(['inspect', '--format', '{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}', containers[1]]);
    expect(mounts.trim()).toBe(`${volume}:/prometheus`);
    const label = await docker(['volume', 'inspect', '--format', '{{index .Labels "org.onyx.monitoring.run"}}', volume]);
    expect(label.trim()).toBe(run.runId);
  });

  it('counts the same samples up to the restart before and after it', () => {
    expect(before.up).toBeGreaterThanOrEqual(MIN_SCRAPES);
    expect(before.all).toBeGreaterThan(before.up);
    expect(after).toEqual(before);
  });
});
