import { request } from 'undici';
import { parseExposition, type MetricFamily } from './parse.ts';

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
