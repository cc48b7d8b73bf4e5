import { afterAll, describe, expect, it } from 'vitest';
import { startEndpointWith500OnBadHeader } from '../../../fixtures/broken-endpoints/500-on-bad-header.ts';
import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { authenticatedEndpoints, judgeBadInput, PROMETHEUS_API_ENDPOINT } from '../../checks/bad-input/bad-input-check.ts';
import { BAD_INPUTS } from '../../checks/bad-input/inputs.ts';
import { runMatrix } from '../../checks/bad-input/matrix.ts';
import { CREDS, GOOD_AUTH, stubForSuite } from '../stubs/helpers.ts';

describe('bad-input matrix against the four stubs in this process', () => {
  const stubs = (['suna', 'onyx-core', 'litellm', 'qdrant'] as const).map((service) => [service, stubForSuite(service)] as const);

  it('every input gets an allowed answer and a correct scrape works afterwards', async () => {
    const rows = await runMatrix(
      stubs.map(([service, s]) => ({ name: service, url: `${s.base}${s.stub.metricsPath}` })),
      GOOD_AUTH,
    );
    const result = judgeBadInput(rows);
    expect(result.details.filter((d) => !d.startsWith('|') && !d.includes('NOT VERIFIED'))).toEqual([]);
    expect(result.result).toBe('PASS');
    for (const row of rows) expect(row.answers.map((a) => a.input)).toEqual(BAD_INPUTS.map((i) => i.name));
  });
});

describe('bad-input matrix against an endpoint that answers 500 on a bad header (fixture)', () => {
  let close = () => {};
  afterAll(() => close());

  it('fails, naming the endpoint and the input', async () => {
    const { url, server } = await startEndpointWith500OnBadHeader(CREDS.user, CREDS.password);
    close = () => server.close();
    const result = judgeBadInput(await runMatrix([{ name: 'fixture-500', url }], GOOD_AUTH));
    expect(result.result).toBe('FAIL');
    expect(result.details).toContain(`fixture-500 (${url}): no colon answered 500, a server error`);
  });
});

describe('the endpoints the matrix aims at', () => {
  const suna = stubForSuite('suna');
  const service = (name: string, urls: Record<string, string>, metricsUrl?: string) =>
    ({ name, container: name, image: name, cpu: 0.1, memoryMiB: 64, startupSeconds: 1, urls, metricsUrl, ...(name === 'alertmanager' ? { role: 'alertmanager' } : {}) }) as StackInfo['services'][number];
  const info = (services: StackInfo['services'], grafana: StackInfo['grafana'] = { notRunning: 'no image' }) =>
    ({ prometheusUrl: 'http://127.0.0.1:9090', services, grafana }) as StackInfo;

  it("every scraped metrics URL, Prometheus's API and Alertmanager's API", () => {
    const endpoints = authenticatedEndpoints(
      info([service('suna', {}, 'http://127.0.0.1:3000/api/metrics'), service('alertmanager', { http: 'http://127.0.0.1:9093' })]),
    );
    expect(endpoints).toEqual([
      { name: 'suna', url: 'http://127.0.0.1:3000/api/metrics' },
      { name: PROMETHEUS_API_ENDPOINT, url: 'http://127.0.0.1:9090/api/v1/status/buildinfo' },
      { name: 'alertmanager', url: 'http://127.0.0.1:9093/api/v2/status' },
    ]);
  });

  it('an Alertmanager without a URL (a --target description) is NOT VERIFIED with the reason, never passed', () => {
    expect(authenticatedEndpoints(info([service('alertmanager', {})])).map((e) => e.name)).not.toContain('alertmanager');
    const details = judgeBadInput([]).details;
    expect(details).toContain('alertmanager: NOT VERIFIED: the stack description has no Alertmanager URL (a --target file names Prometheus and the metrics URLs only)');
  });

  it("Grafana's API with its own admin credentials when it runs", () => {
    const endpoints = authenticatedEndpoints(info([], { url: 'http://127.0.0.1:3001', adminUser: 'admin', adminPassword: 's3cret' }));
    expect(endpoints.at(-1)).toEqual({ name: 'grafana', url: 'http://127.0.0.1:3001/api/org', authorization: basicAuthHeader('admin', 's3cret') });
  });

  it("an endpoint's own credentials replace the stack's for the inputs that need good ones and the scrape afterwards", async () => {
    const [row] = await runMatrix([{ name: 'suna', url: `${suna.base}${suna.stub.metricsPath}`, authorization: GOOD_AUTH }], basicAuthHeader('someone', 'else'));
    expect(row!.afterwards).toEqual({ status: 200 });
    expect(row!.answers.find((a) => a.input === 'unknown path')?.answer).toEqual({ status: 404 });
  });
});
