import { beforeAll, expect, it } from 'vitest';
import { STOPPED_SERVICE } from '../../fixtures/faults/stopped-service.ts';
import { alertmanagerClient } from '../../stack/launcher/alertmanager-client.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { gatherAc911Evidence, judgeAc911, scrapedJobs } from '../checks/ac-9-1-1.ts';
import type { AcResult } from '../checks/ac-result.ts';
import { alertArrival, alertCleared, firstUpSample, startContainer, stopContainer, type OutageTimes } from '../checks/faults/stopped-service.ts';
import { describeOnStack } from './stack-context.ts';

// Runs among the last (vitest.config.ts): it stops and restarts redis-exporter of the shared stack,
// whose published host port changes with the restart.

const { service: SERVICE, job: JOB } = STOPPED_SERVICE;
const SCRAPE_S = 15;
const log = (line: string) => process.stderr.write(`[faults] ${line}\n`);

describeOnStack(`a stopped core service (${SERVICE}, job ${JOB}): detected, alerted, named, and back after a start`, (stack) => {
  const container = stack?.services.find((s) => s.name === SERVICE)?.container ?? '';
  let times: OutageTimes;
  let judged: AcResult;
  let recoverSeconds: number;
  let redisDownSeconds: number;

  beforeAll(async () => {
    const prom = prometheusClient(stack);
    const am = alertmanagerClient(stack);
    // The target is up before the fault, so what follows is the fault's doing.
    await firstUpSample(prom, JOB, 1, Date.now() / 1000 - SCRAPE_S * 2, 60_000);
    const stoppedAt = await stopContainer(container);
    log(`stopped ${SERVICE}`);
    try {
      const detected = await firstUpSample(prom, JOB, 0, stoppedAt, 90_000);
      const [seen, startsAt] = await alertArrival(am, 'TargetDown', JOB, 180_000);
      times = { detectSeconds: detected - stoppedAt, alertSeconds: seen - stoppedAt, firedSeconds: startsAt - stoppedAt };
      log(`up=0 stored ${times.detectSeconds.toFixed(1)} s after the stop; TargetDown fired after ${times.firedSeconds.toFixed(1)} s, seen in Alertmanager after ${times.alertSeconds.toFixed(1)} s`);
      // Same `for` as TargetDown: by now it has fired too, or is about to.
      const [redisSeen] = await alertArrival(am, 'RedisDown', JOB, 60_000);
      redisDownSeconds = redisSeen - stoppedAt;
      log(`RedisDown (its exporter stopped, so no redis_up at all) seen in Alertmanager after ${redisDownSeconds.toFixed(1)} s`);
      judged = judgeAc911(await gatherAc911Evidence(stack), scrapedJobs(stack));
    } finally {
      const startedAt = await startContainer(container);
      recoverSeconds = (await firstUpSample(prom, JOB, 1, startedAt, 90_000)) - startedAt;
      log(`started ${SERVICE} again: up=1 stored ${recoverSeconds.toFixed(1)} s later`);
      await alertCleared(am, 'TargetDown', JOB, 90_000);
      await alertCleared(am, 'RedisDown', JOB, 90_000);
    }
  });

  it(`Prometheus stores up=0 within two scrapes (${2 * SCRAPE_S} s)`, () => {
    expect(times.detectSeconds).toBeGreaterThanOrEqual(0);
    expect(times.detectSeconds).toBeLessThanOrEqual(2 * SCRAPE_S);
  });

  it('TargetDown reaches Alertmanager, read through its API with the credentials', () => {
    // 1 m of `for`, plus at most a scrape to detect and an evaluation to notice: 2 minutes is the margin.
    expect(times.firedSeconds).toBeGreaterThanOrEqual(60);
    expect(times.alertSeconds).toBeLessThanOrEqual(120 + 2 * SCRAPE_S);
  });

  it('RedisDown reaches Alertmanager too: Redis is unwatched while its exporter is stopped', () => {
    expect(redisDownSeconds).toBeGreaterThanOrEqual(60);
    expect(redisDownSeconds).toBeLessThanOrEqual(120 + 2 * SCRAPE_S);
  });

  it("AC 9.1.1's judge fails and names the stopped service", () => {
    expect(judged.result).toBe('FAIL');
    expect(judged.details).toContain(`${JOB}: down (up=0)`);
    expect(judged.details.join('\n')).toMatch(new RegExp(`^${JOB}: /targets says down`, 'm'));
  });

  it('comes back up once started again, and its alert resolves', () => {
    expect(recoverSeconds).toBeLessThanOrEqual(2 * SCRAPE_S);
  });
});
