import { prometheusClient } from '../../../stack/launcher/services/prometheus.ts';
import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { scrapeFamilies } from '../exposition/scrape.ts';
import { waitForScrapes } from '../scraping.ts';
import { piiRuleFor, type PiiConfig } from './pii-config.ts';
import { labelUses, type GuardEvidence, type LabelUse } from './pii-guard.ts';

/** What Prometheus stores (PII-like label names by metric, series per metric) and what each target exposes. */
export async function gatherGuardEvidence(info: StackInfo, pii: PiiConfig): Promise<GuardEvidence> {
  const prom = prometheusClient(info);
  const jobs = info.services.flatMap((s) => (s.scrapeJob ? [s.scrapeJob] : []));
  await waitForScrapes(prom, jobs, { minSamples: 1, window: '5m', timeoutMs: 60_000 });
  const stored: LabelUse[] = [];
  for (const label of await prom.labelNames()) {
    if (!piiRuleFor(label, pii)) continue;
    const metrics = new Set((await prom.series(`{${label}!=""}`)).map((s) => s.__name__ ?? '?'));
    for (const metric of metrics) if (piiRuleFor(label, pii, metric)) stored.push({ metric, label });
  }
  const counts = await prom.instant('count by (__name__) ({__name__=~".+"})');
  const seriesPerMetric = Object.fromEntries(counts.map((c) => [c.labels.__name__ ?? '?', c.value]));
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  const exposed: GuardEvidence['exposed'] = [];
  for (const s of info.services) {
    if (s.metricsUrl) exposed.push({ target: s.name, uses: labelUses(await scrapeFamilies(s.metricsUrl, authorization)) });
  }
  return { stored, exposed, seriesPerMetric };
}
