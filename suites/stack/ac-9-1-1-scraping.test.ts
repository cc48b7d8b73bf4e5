import { beforeAll, expect, it } from 'vitest';
import {
  EXPECTED_INTERVAL_S,
  MIN_SAMPLES,
  TOLERANCE_S,
  gatherAc911Evidence,
  judgeAc911,
  scrapedJobs,
  type Ac911Evidence,
} from '../checks/ac-9-1-1.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { CORE_SERVICES } from '../../stack/model/schema.ts';
import { describeOnStack } from './stack-context.ts';


describeOnStack('AC 9.1.1: Prometheus scrapes all 6 core services every 15 s', (stack) => {
  let evidence: Ac911Evidence;
  const jobs = stack ? scrapedJobs(stack) : [];

  beforeAll(async () => {
    evidence = await gatherAc911Evidence(stack, (line) => process.stderr.write(`[ac-9.1.1] ${line}\n`));
  });

  it('has a scrape job for each of the six core services, node-exporter and each exporter', () => {
    const covered = stack.services.flatMap((s) => (s.coreService ? [s.coreService] : []));
    expect(new Set(covered)).toEqual(new Set(CORE_SERVICES));
    expect(jobs).toEqual(expect.arrayContaining(['node-exporter', 'redis', 'supabase', 'prometheus']));
  });

  it('lists every target as up with a 15 s interval on Prometheus\'s /targets', () => {
    // blackbox_exporter's probe job has one target per probed service.
    const probeJobs = ONYX_STACK.services.flatMap((s) => (s.scrape?.probeJob ? [s.scrape.probeJob] : []));
    expect([...new Set(evidence.targets.map((t) => t.labels.job))].sort()).toEqual([...jobs, ...probeJobs].sort());
    for (const t of evidence.targets) {
      expect(t.health, `${t.labels.job}: ${t.lastError}`).toBe('up');
      expect(t.scrapeInterval).toBe(`${EXPECTED_INTERVAL_S}s`);
    }
  });

  it('sees every target up in Prometheus', () => {
    for (const job of jobs) {
      const scrapes = evidence.scrapes.find((s) => s.job === job);
      expect(scrapes, `no stored up samples for job ${job}`).toBeDefined();
      expect(scrapes!.up, `job ${job} is down`).toBe(1);
    }
  });

  it('measures the real Redis and PostgreSQL, not only their exporters (redis_up and pg_up are 1)', async () => {
    const prom = prometheusClient(stack);
    for (const query of ['redis_up', 'pg_up']) {
      const series = await prom.instant(query);
      expect(series.map((s) => s.value), query).toEqual([1]);
    }
  });

  it(`stores scrapes ${EXPECTED_INTERVAL_S} s ± ${TOLERANCE_S} s apart, over at least ${MIN_SAMPLES - 1} spacings per target`, () => {
    for (const job of jobs) {
      const spacings = evidence.scrapes.find((s) => s.job === job)!.spacings;
      expect(spacings.length, `${job} spacings`).toBeGreaterThanOrEqual(MIN_SAMPLES - 1);
      for (const gap of spacings.slice(-(MIN_SAMPLES - 1))) {
        expect(Math.abs(gap - EXPECTED_INTERVAL_S), `${job}: scrapes ${gap} s apart`).toBeLessThanOrEqual(TOLERANCE_S);
      }
    }
  });

  it('refuses every scraped endpoint without credentials (401) and serves it with them (200)', () => {
    expect(evidence.auth.map((a) => a.job).sort()).toEqual([...jobs].sort());
    for (const probe of evidence.auth) {
      expect(probe.withoutCredentials, `${probe.url} without credentials`).toBe(401);
      expect(probe.withCredentials, `${probe.url} with credentials`).toBe(200);
    }
  });

  it('passes promtool check config and check web-config inside the Prometheus container', () => {
    for (const run of evidence.promtool) expect(run.exitCode, `${run.command}: ${run.output}`).toBe(0);
    expect(evidence.promtool[0]!.output).toMatch(/SUCCESS/);
  });

  it('judges the criterion PASS from this evidence', () => {
    const result = judgeAc911(evidence, jobs);
    expect(result.details.join('\n'), result.figure).not.toMatch(/down|failed|answered|apart/);
    expect(result.result).toBe('PASS');
  });
});
