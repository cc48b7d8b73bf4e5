import { prometheusClient, type PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';
import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { BACKGROUND_RETRIEVAL } from '../../../stack/stubs/onyx-core-labels.ts';
import { primeSeries, runWorkload, type WorkloadClients } from '../../../stack/workload/driver.ts';
import { LiteLlmClient, OnyxCoreClient } from '../../../stack/workload/stub-client.ts';
import type { Workload } from '../../../stack/workload/workload.ts';
import { waitFor } from '../wait.ts';
import { expectationsFor, type Expectation } from './expectations.ts';
import type { CheckedQuery } from './judge.ts';
import { interpolate, sourceExpr } from './queries.ts';

const SERVICES = ['onyx-core', 'litellm'] as const;
type Service = (typeof SERVICES)[number];

/** The timestamp (unix ms) of the first stored scrape of `job` that started after `afterMs`. */
export async function storedScrapeAfter(prom: PrometheusClient, job: string, afterMs: number, timeoutMs = 60_000): Promise<number> {
  return waitFor(
    `a stored scrape of ${job} after ${new Date(afterMs).toISOString()}`,
    async () => {
      const [series] = await prom.rawSamples(`up{job="${job}"}`, '2m');
      return series?.values.map(([t]) => Math.round(t * 1000)).find((t) => t > afterMs);
    },
    { timeoutMs, intervalMs: 500 },
  );
}

export function workloadClients(info: StackInfo, w: Workload): WorkloadClients {
  const base = (name: string) => {
    const url = info.services.find((s) => s.name === name)?.urls.http;
    if (!url) throw new Error(`${name} publishes no API port in this stack`);
    return url;
  };
  return { onyxCore: new OnyxCoreClient(base('onyx-core')), litellm: new LiteLlmClient(base('litellm'), w.apiKey) };
}

/**
 * Primes every series, waits for a stored scrape of each job (the window opens there), sends the
 * workload, waits for the next stored scrape (the window closes there), then evaluates each
 * query at that scrape over exactly that window plus 1 ms. With a sample 1 ms after the range's
 * start and one at its end, Prometheus's rate() extrapolation cancels out: rate = increase / seconds.
 */
export async function gatherAccuracy(info: StackInfo, w: Workload, log: (line: string) => void = () => {}): Promise<{ checked: CheckedQuery[]; method: string }> {
  const prom = prometheusClient(info);
  const clients = workloadClients(info, w);
  await primeSeries(clients, w);
  const primed = Date.now();
  const jobOf = (name: Service) => info.services.find((s) => s.name === name)?.scrapeJob ?? name;
  const opened: Record<Service, number> = { 'onyx-core': 0, litellm: 0 };
  for (const service of SERVICES) opened[service] = await storedScrapeAfter(prom, jobOf(service), primed);
  log('accuracy: series primed and scraped; sending the known workload');
  const started = Date.now();
  await runWorkload(clients, w);
  const sent = Date.now();
  const closed: Record<Service, number> = { 'onyx-core': 0, litellm: 0 };
  for (const service of SERVICES) closed[service] = await storedScrapeAfter(prom, jobOf(service), sent);

  const rangeOf = (service: Service) => `${closed[service] - opened[service] + 1}ms`;
  const background = await prom.instant(
    `sum(increase(onyx_rag_retrieval_duration_seconds_count{vector_count="${BACKGROUND_RETRIEVAL.vector_count}", similarity_threshold="${BACKGROUND_RETRIEVAL.similarity_threshold}"}[${rangeOf('onyx-core')}]))`,
    closed['onyx-core'],
  );
  const backgroundRetrievals = Math.round(background[0]?.value ?? 0);
  const checked: CheckedQuery[] = [];
  const windows: string[] = [];
  for (const service of SERVICES) {
    const facts = { seconds: (closed[service] - opened[service]) / 1000, backgroundRetrievals };
    windows.push(`${service} ${facts.seconds} s`);
    for (const expectation of expectationsFor(w, facts).filter((e: Expectation) => e.service === service)) {
      const expr = interpolate(sourceExpr(expectation.source), { ...expectation.variables, __rate_interval: rangeOf(service) });
      checked.push({ expectation, expr, observed: await prom.instant(expr, closed[service]) });
    }
  }
  const method =
    `fixtures/workloads workload (${Math.round((sent - started) / 100) / 10} s to send, concurrency ${w.concurrency}); ` +
    `each query evaluated at the first stored scrape after it, over the window since the last stored scrape before it (${windows.join(', ')}); ` +
    `label values no background activity uses; the onyx-core background's ${backgroundRetrievals} retrievals in the window added to the accuracy expectation`;
  return { checked, method };
}
