import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../../../bench/gate/run-gate.ts';
import { judgeChange } from '../../../bench/gate/compare.ts';
import { readReport, type VerifyReport } from '../../../bench/report/schema.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { withP95Times as scaleP95 } from './scaled-report.ts';
import { tempDir } from '../../temp-dirs.ts';

const FIXTURES = resolve(REPO_ROOT, 'fixtures/reports');
let baseline: VerifyReport;
let dir: string;

beforeAll(async () => {
  baseline = await readReport(join(FIXTURES, 'baseline.json'));
  dir = tempDir('onyx-gate-');
});

/** The fixture baseline with every p95 latency multiplied by `factor`. */
const withP95Times = (factor: number, runId?: string) => scaleP95(baseline, factor, runId);

async function gate(latest: VerifyReport, options: { recent?: number; name?: string } = {}) {
  const file = join(dir, options.name ?? 'latest.json');
  await writeFile(file, JSON.stringify(latest));
  const benchmarkJson = join(dir, 'bench.json');
  const outcome = await runGate({ latest: file, baseline: join(FIXTURES, 'baseline.json'), recent: options.recent ?? 0, benchmarkJson });
  return { ...outcome, failures: outcome.result.failures, status: (key: string) => outcome.result.rows.find((r) => r.key === key)?.status, benchmarkJson };
}

const SUNA = 'metrics_latency.p95_ms{endpoint=suna,method=host}';

describe('the gate on fixture reports', () => {
  it('passes the baseline against itself', async () => {
    const { failures, lines } = await gate(baseline);
    expect(failures).toEqual([]);
    expect(lines).toContain('gate: PASS');
  });

  it('fails a run 2x slower, naming the metric', async () => {
    const { failures, status } = await gate(withP95Times(2));
    expect(status(SUNA)).toBe('fail');
    expect(failures).toContain(`${SUNA}: 4 ms is 100 % worse than the baseline (2 ms)`);
  });

  it('fails the generated copy with tripled p95s', async () => {
    const { failures } = await gate(withP95Times(3));
    expect(failures.filter((f) => f.startsWith('metrics_latency.p95_ms'))).toHaveLength(3);
  });

  it('warns but never fails on the scrape groups the AC does not judge and on the closed loop; fails the judged ones', () => {
    const smaller = (key: string) => ({ key, direction: 'smaller' as const });
    // Seen on the same code: litellm's scrapes under the bench's load 28.9 ms against a median of 5.8.
    expect(judgeChange(smaller('metrics_latency.p95_ms{endpoint=litellm,method=prometheus_under_load}'), 28.9, 5.8).status).toBe('warn');
    expect(judgeChange(smaller('metrics_latency.p95_ms{endpoint=litellm,method=prometheus_start_up}'), 28.9, 5.8).status).toBe('warn');
    expect(judgeChange(smaller('metrics_latency.closed_loop_p95_ms{concurrency=8,endpoint=supabase-exporter}'), 141.4, 14.6).status).toBe('warn');
    expect(judgeChange(smaller('metrics_latency.p95_ms{endpoint=litellm,method=prometheus}'), 28.9, 5.8).status).toBe('fail');
    expect(judgeChange(smaller('metrics_latency.p95_ms{endpoint=litellm,method=host}'), 28.9, 5.8).status).toBe('fail');
    expect(judgeChange(smaller('metrics_latency.p95_ms{endpoint=litellm,method=prometheus_under_load}'), 6.2, 5.8).status).toBe('ok');
  });

  it('does not fail a run 5 % slower', async () => {
    const { failures, status } = await gate(withP95Times(1.05));
    expect(failures).toEqual([]);
    expect(status(SUNA)).toBe('ok');
  });

  it('never fails an improvement, however large', async () => {
    const { failures, status } = await gate(withP95Times(0.2));
    expect(failures).toEqual([]);
    expect(status(SUNA)).toBe('better');
  });

  it('reports a metric the latest run lacks', async () => {
    const latest = { ...baseline, metrics: baseline.metrics.filter((l) => l.key !== SUNA) };
    const { failures, status, lines } = await gate(latest);
    expect(status(SUNA)).toBe('missing');
    expect(failures).toEqual([`${SUNA}: missing from the latest report (baseline 2 ms)`]);
    expect(lines.some((l) => l.startsWith(SUNA) && l.endsWith('MISSING'))).toBe(true);
  });

  it('fails a run whose AC failed even with no regression', async () => {
    const latest = { ...baseline, results: baseline.results.map((r) => (r.ac === '9.1.3' ? { ...r, result: 'FAIL' as const, figure: 'suna p95 30 ms' } : r)) };
    expect((await gate(latest)).failures).toEqual(['AC 9.1.3 failed: suna p95 30 ms']);
  });

  it('fails a named check that newly fails, and only notes one that failed in the baseline too', async () => {
    const failing = { ac: 'overhead', title: 'overhead < 5 %', result: 'FAIL' as const, figure: '+8 %', method: 'x', details: [] };
    const latest = { ...baseline, results: [...baseline.results, failing] };
    expect((await gate(latest)).failures).toEqual(['check overhead failed, it passed in the baseline: +8 %']);
    const knownFile = join(dir, 'baseline-with-failure.json');
    await writeFile(knownFile, JSON.stringify(latest));
    const latestFile = join(dir, 'latest-known.json');
    await writeFile(latestFile, JSON.stringify(latest));
    const outcome = await runGate({ latest: latestFile, baseline: knownFile, recent: 0, benchmarkJson: join(dir, 'k.json') });
    expect(outcome.result.failures).toEqual([]);
    expect(outcome.lines).toContain('  note: check overhead still fails, as in the baseline: +8 %');
  });

  it('also compares with the median of recent kept runs', async () => {
    const recentDir = tempDir('onyx-gate-recent-');
    const runs = [withP95Times(2.5, '20261203t000000-aaaaaa'), withP95Times(2.6, '20261203t010000-bbbbbb'), withP95Times(2.4, '20261203t020000-cccccc')];
    for (const run of runs) await writeFile(join(recentDir, `${run.runId}.json`), JSON.stringify(run));
    await writeFile(join(recentDir, '20261101t000000-oldold.json'), JSON.stringify({ schema: 'onyx-monitoring/verify-report@1' }));
    const file = join(recentDir, 'latest.json');
    await writeFile(file, JSON.stringify(withP95Times(2.5, '20261204t000000-dddddd')));
    const outcome = await runGate({ latest: file, baseline: join(FIXTURES, 'baseline.json'), recent: 5, benchmarkJson: join(recentDir, 'b.json') });
    const row = outcome.result.rows.find((r) => r.key === SUNA)!;
    expect(row.comparisons.map((c) => [c.reference, c.value, c.status])).toEqual([
      ['baseline', 2, 'fail'],
      ['median of 3 recent runs', 5, 'ok'],
    ]);
    expect(outcome.lines.some((l) => l.includes('skipped') && l.includes('20261101t000000-oldold.json: field schema'))).toBe(true);
  });

  it("writes github-action-benchmark's customSmallerIsBetter JSON", async () => {
    const { benchmarkJson } = await gate(baseline);
    const entries = JSON.parse(await readFile(benchmarkJson, 'utf8')) as { name: string; unit: string; value: number; range?: string }[];
    expect(entries).toHaveLength(baseline.metrics.length);
    expect(entries[0]).toMatchObject({ name: SUNA, unit: 'ms', value: 2 });
    expect(entries.find((e) => e.name.startsWith('overhead.relative_pct'))?.range).toBe('0.4 to 2 (95 %)');
  });

  it('names the file and the field of a malformed report', async () => {
    const error = await runGate({
      latest: join(FIXTURES, 'malformed-metric-value.json'),
      baseline: join(FIXTURES, 'baseline.json'),
      recent: 0,
      benchmarkJson: join(dir, 'x.json'),
    }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/malformed-metric-value\.json: field metrics\.2\.value: /);
  });
});
