import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../../bench/gate/run-gate.ts';
import { readReport } from '../../../bench/report/schema.ts';
import { gateTolerance } from '../../../bench/report/thresholds.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { withP95Times } from './scaled-report.ts';
import { tempDir } from '../../temp-dirs.ts';

// The gate on the baseline committed from this machine (reports/baseline.json, made by
// `npm run verify && cp reports/latest.json reports/baseline.json`), not on a fixture.

const BASELINE = resolve(REPO_ROOT, 'reports/baseline.json');
const present = existsSync(BASELINE);
const title = present
  ? 'the gate on the committed reports/baseline.json'
  : 'NOT VERIFIED: the gate on the committed baseline (reports/baseline.json is absent: run `npm run verify && cp reports/latest.json reports/baseline.json`)';

async function gateAgainstBaseline(latest: unknown) {
  const dir = tempDir('onyx-gate-committed-');
  const file = join(dir, 'latest.json');
  await writeFile(file, JSON.stringify(latest));
  return runGate({ latest: file, baseline: BASELINE, recent: 0, benchmarkJson: join(dir, 'bench.json') });
}

describe.skipIf(!present)(title, () => {
  it('passes it against itself: no metric regresses or goes missing (a failed AC of the baseline still fails, by design)', async () => {
    const baseline = await readReport(BASELINE);
    const { result } = await gateAgainstBaseline(baseline);
    expect(result.rows.filter((r) => r.status !== 'ok').map((r) => r.key)).toEqual([]);
    const failedAcs = baseline.results.filter((r) => r.result === 'FAIL' && /^\d+(\.\d+)+$/.test(r.ac));
    expect(result.failures).toEqual(failedAcs.map((r) => `AC ${r.ac} failed: ${r.figure}`));
  });

  it('fails a copy with tripled p95s, naming each p95 that grew by more than its floor', async () => {
    const baseline = await readReport(BASELINE);
    // The p95s the gate can fail on: by the host and by Prometheus's quiet scrapes (the AC's two ways);
    // the unjudged scrape groups only warn.
    const p95s = baseline.metrics.filter((l) => l.key.startsWith('metrics_latency.p95_ms') && Number.isFinite(gateTolerance(l.key)?.fail));
    expect(p95s.map((l) => l.key)).toContain('metrics_latency.p95_ms{endpoint=redis-exporter,method=prometheus}');
    const beyondFloor = p95s.filter((l) => 2 * l.value > (gateTolerance(l.key)?.floor ?? 0));
    expect(beyondFloor.length).toBeGreaterThan(0);
    const { result } = await gateAgainstBaseline(withP95Times(baseline, 3));
    const regressions = result.failures.filter((f) => f.startsWith('metrics_latency.p95_ms'));
    expect(regressions.map((f) => f.slice(0, f.indexOf(': ')))).toEqual(beyondFloor.map((l) => l.key));
  });
});
