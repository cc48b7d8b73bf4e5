import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMetricsLatencyBench } from '../../../bench/metrics-latency/run.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { judgeAc913 } from '../../../suites/checks/ac-9-1-3.ts';
import { SLOW_METRICS_DELAY_MS, slowMetricsStub } from '../../../fixtures/stubs/slow-metrics-stub.ts';

// A stub on loopback whose metrics path sleeps 20 ms, timed by the real bench: the sleep is a
// lower bound on every response, so the verdict cannot flake.
describe(`AC 9.1.3 on a stub slowed by ${SLOW_METRICS_DELAY_MS} ms on its metrics path`, () => {
  const credentials = { user: 'scraper', password: 'slow-fixture' };
  const stub = slowMetricsStub(credentials);
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await stub.start()}`;
  });
  afterAll(() => stub.stop());

  it('fails the AC and names the endpoint, its p95 and that the metrics page is the cost', async () => {
    const result = await runMetricsLatencyBench(
      [
        {
          name: 'slow-suna',
          job: 'slow-suna',
          core: true,
          url: `${base}${stub.metricsPath}`,
          floorUrl: `${base}${stub.healthPath}`,
          authorization: basicAuthHeader(credentials.user, credentials.password),
        },
      ],
      { paced: { requests: 40, warmup: 5, slotMs: 2, runs: 3 }, closedLoop: { concurrency: 8, requests: 40, maxMs: 2000 } },
    );
    const verdict = judgeAc913(result);
    expect(verdict.result).toBe('FAIL');
    const line = verdict.details.find((d) => d.startsWith('slow-suna'));
    expect(line).toMatch(/slow-suna: FAIL: host p95 \d+\.\d\d ms is not < 10 ms/);
    expect(result.endpoints[0]!.metrics.p95Median).toBeGreaterThanOrEqual(SLOW_METRICS_DELAY_MS);
    expect(line).toMatch(/the metrics page costs \d+\.\dx the trivial route/);
    expect(result.endpoints[0]!.metrics.pooled.p50).toBeGreaterThanOrEqual(SLOW_METRICS_DELAY_MS);
  });
});
