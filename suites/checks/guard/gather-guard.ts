import { prometheusClient } from '../../../stack/launcher/prometheus-client.ts';
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

  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  const exposed: GuardEvidence['exposed'] = [];
  // Stored series are named per sample (x_bucket, x_sum); reports name the family, as exposed.
  const familyOfSample = new Map<string, string>();
  for (const s of info.services) {
    if (!s.metricsUrl) continue;
    const families = await scrapeFamilies(s.metricsUrl, authorization);
    for (const f of families) for (const sample of f.samples) familyOfSample.set(sample.name, f.name);
    exposed.push({ target: s.name, uses: labelUses(families) });
  }

  const stored = new Map<string, LabelUse>();
  for (const label of await prom.labelNames()) {
    if (!piiRuleFor(label, pii)) continue;
    for (const series of await prom.series(`{${label}!=""}`)) {
      const metric = familyOfSample.get(series.__name__ ?? '') ?? series.__name__ ?? '?';
      if (piiRuleFor(label, pii, metric)) stored.set(`${metric}\0${label}`, { metric, label });
    }
  }
  const counts = await prom.instant('count by (__name__) ({__name__=~".+"})');
  const seriesPerMetric = Object.fromEntries(counts.map((c) => [c.labels.__name__ ?? '?', c.value]));
  return { stored: [...stored.values()], exposed, seriesPerMetric };
}
