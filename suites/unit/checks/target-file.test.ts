import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { judgeAc911, type Ac911Evidence } from '../../../suites/checks/ac-9-1-1.ts';
import { parseTarget } from '../../../stack/deploy/target.ts';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';

const FILE = 'fixtures/targets/example.yml';
const env = { ONYX_METRICS_USER: 'prometheus', ONYX_METRICS_PASSWORD: 'from-env' };
const example = async () => parse(await readFile(FILE, 'utf8')) as Record<string, any>;
const attempt = (value: unknown, e: NodeJS.ProcessEnv = env) => () => parseTarget(stringify(value), FILE, ONYX_STACK, e);

describe('a target file for verify --target', () => {
  it('becomes the context checks read: every scrape job of the model with its URL, credentials from the environment', async () => {
    const target = parseTarget(await readFile(FILE, 'utf8'), FILE, ONYX_STACK, env);
    expect(target.name).toBe('onyx-vps');
    expect(target.info.metricsPassword).toBe('from-env');
    expect(target.info.credentialOrigin.metricsPassword).toBe('environment (ONYX_METRICS_PASSWORD)');
    const jobs = ONYX_STACK.services.flatMap((s) => (s.scrape ? [s.scrape.job] : []));
    expect(target.info.services.map((s) => s.scrapeJob).sort()).toEqual(jobs.sort());
    expect(target.info.services.find((s) => s.scrapeJob === 'prometheus')?.container).toBe('monitoring_prometheus_1');
  });

  it('keeps a metrics path as written (LiteLLM answers /metrics/ and redirects /metrics), trims the Prometheus base URL', async () => {
    const bad = await example();
    const target = parseTarget(stringify({ ...bad, prometheus: { ...bad.prometheus, url: 'http://127.0.0.1:9090/' } }), FILE, ONYX_STACK, env);
    expect(target.info.prometheusUrl).toBe('http://127.0.0.1:9090');
    expect(target.info.services.find((s) => s.scrapeJob === 'litellm')?.metricsUrl).toBe('http://127.0.0.1:4000/metrics/');
  });

  it('reads JSON as well', async () => {
    expect(parseTarget(JSON.stringify(await example()), 'target.json', ONYX_STACK, env).info.prometheusUrl).toBe('http://127.0.0.1:9090');
  });

  it('is refused in one line naming the file and the field', async () => {
    const bad = await example();
    expect(attempt({ ...bad, prometheus: { url: 'not a url', container: 'p' } })).toThrow(/^fixtures\/targets\/example\.yml: prometheus\.url: /);
    expect(attempt({ ...bad, prometheus: { url: 'http://127.0.0.1:9090' } })).toThrow(/: prometheus\.container: /);
    expect(attempt({ ...bad, credentials: { metricsUser: { env: 'U' }, metricsPassword: 'plain' } })).toThrow(/: credentials\.metricsPassword: /);
    const { suna: _, ...withoutSuna } = bad.endpoints;
    expect(attempt({ ...bad, endpoints: withoutSuna })).toThrow(/: endpoints\.suna: missing/);
    expect(attempt({ ...bad, endpoints: { ...bad.endpoints, cadvisor: 'http://127.0.0.1:8081/metrics' } })).toThrow(/: endpoints\.cadvisor: no scrape job/);
    expect(attempt(bad, { ONYX_METRICS_USER: 'prometheus' })).toThrow(/: credentials\.metricsPassword: environment variable ONYX_METRICS_PASSWORD is not set$/);
    expect(() => parseTarget('name: [unclosed', FILE, ONYX_STACK, env)).toThrow(/: \(file\): not YAML or JSON/);
  });
});

describe('AC 9.1.1 on a target whose endpoint does not answer', () => {
  it('fails naming the job, the URL and the cause', () => {
    const evidence: Ac911Evidence = {
      targets: [],
      scrapes: [{ job: 'qdrant', instance: 'qdrant:6333', up: 1, samples: 4, spacings: [15, 15, 15] }],
      auth: [{ job: 'qdrant', url: 'http://127.0.0.1:1/metrics', withoutCredentials: 0, withCredentials: 0, unreachable: 'ECONNREFUSED' }],
      promtool: [],
    };
    const result = judgeAc911(evidence, ['qdrant']);
    expect(result.result).toBe('FAIL');
    expect(result.details).toEqual(['qdrant: http://127.0.0.1:1/metrics is unreachable (ECONNREFUSED)']);
  });
});
