import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import type { AcResult } from '../ac-result.ts';
import type { MetricFamily } from '../exposition/parse.ts';
import { scrapeUntilPresent } from '../exposition/scrape.ts';
import { BUSINESS_METRICS_SERVICE, SPEC_BUSINESS_METRICS } from '../spec-schema.ts';
import { compareWithSpec, describeDifferences } from './compare.ts';

export const SPEC_SCHEMA_CHECK = 'SPEC schema';
export const SPEC_SCHEMA_TITLE = 'onyx-core exposes the business metrics exactly as the SPEC table says';

/**
 * The running onyx-core's exposition, once every business metric has samples (its background
 * activity fills them within seconds). On timeout the last scrape is returned: the judge then
 * names the metrics that stayed empty.
 */
export async function gatherBusinessFamilies(info: StackInfo): Promise<MetricFamily[]> {
  const service = info.services.find((s) => s.name === BUSINESS_METRICS_SERVICE);
  if (!service?.metricsUrl) throw new Error(`${BUSINESS_METRICS_SERVICE} has no metrics URL in this stack`);
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  const empty = (families: MetricFamily[]) =>
    SPEC_BUSINESS_METRICS.filter((m) => !families.some((f) => f.name === m.name && f.samples.length > 0)).map((m) => m.name);
  return scrapeUntilPresent(service.metricsUrl, authorization, 'samples of every business metric', empty);
}

export function judgeSpecSchema(families: readonly MetricFamily[]): AcResult {
  const differences = describeDifferences(compareWithSpec(SPEC_BUSINESS_METRICS, families));
  return {
    ac: SPEC_SCHEMA_CHECK,
    title: SPEC_SCHEMA_TITLE,
    result: differences.length === 0 ? 'PASS' : 'FAIL',
    figure: `${SPEC_BUSINESS_METRICS.length - new Set(differences.map((d) => d.split(':')[0])).size}/${SPEC_BUSINESS_METRICS.length} metrics as specified`,
    method: `scraped ${BUSINESS_METRICS_SERVICE}'s metrics endpoint with credentials, parsed the text format, compared name, type, label names and bucket boundaries with suites/checks/spec-schema.ts`,
    details: differences,
  };
}
