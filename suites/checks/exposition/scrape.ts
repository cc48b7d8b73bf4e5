import { request } from 'undici';
import { parseExposition, type MetricFamily } from './parse.ts';
import { waitFor } from '../wait.ts';

/** GETs a metrics endpoint with the given Authorization header and returns its text; non-200 throws, naming the URL. */
async function scrapeText(url: string, authorization: string): Promise<string> {
  const res = await request(url, { headers: { authorization }, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`scrape of ${url} answered ${res.statusCode}`);
  return text;
}

export async function scrapeFamilies(url: string, authorization: string): Promise<MetricFamily[]> {
  return parseExposition(await scrapeText(url, authorization));
}

/**
 * Scrapes until `pending` (what is still missing in the latest scrape) is empty, polling every
 * second for at most `timeoutMs`. On timeout the last scrape is returned: the caller's judge then
 * names what stayed missing.
 */
export async function scrapeUntilPresent(
  url: string,
  authorization: string,
  what: string,
  pending: (families: MetricFamily[]) => string[],
  timeoutMs = 30_000,
): Promise<MetricFamily[]> {
  let latest: MetricFamily[] = [];
  try {
    return await waitFor(
      `${what} on ${url}`,
      async () => {
        latest = await scrapeFamilies(url, authorization);
        return pending(latest).length === 0 ? latest : undefined;
      },
      { timeoutMs, intervalMs: 1_000, describe: () => `still missing: ${pending(latest).join(', ')}` },
    );
  } catch {
    return latest;
  }
}
