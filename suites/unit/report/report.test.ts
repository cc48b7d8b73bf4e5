import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectReport, meetsThreshold, metricKey, metricLine, splitKey } from '../../../bench/report/lines.ts';
import { MalformedReportError, parseReport, readReport } from '../../../bench/report/schema.ts';
import { writeReport } from '../../../bench/report/write.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { tempDir } from '../../temp-dirs.ts';

const FIXTURES = resolve(REPO_ROOT, 'fixtures/reports');

describe('report lines', () => {
  it('take unit, direction and threshold from the thresholds data and judge ok', () => {
    const fast = metricLine('metrics_latency.p95_ms', { method: 'host', endpoint: 'suna' }, 4.2, '200 requests');
    expect(fast).toMatchObject({ key: 'metrics_latency.p95_ms{endpoint=suna,method=host}', unit: 'ms', direction: 'smaller', threshold: 'p95 < 10', ok: true });
    expect(metricLine('metrics_latency.p95_ms', { endpoint: 'suna' }, 10, 'x').ok).toBe(false);
    expect(metricLine('metrics_latency.p50_ms', {}, 99, 'x')).toMatchObject({ threshold: null, ok: true });
  });

  it('judge every operator at its bound', () => {
    expect([meetsThreshold('p95 < 10', 10), meetsThreshold('p95 <= 10', 10), meetsThreshold('x > 1', 1), meetsThreshold('x >= 1', 1)]).toEqual([false, true, false, true]);
    expect(() => meetsThreshold('fast enough', 1)).toThrow(/not '<stat> <op> <number>'/);
  });

  it('keys round-trip through splitKey', () => {
    const key = metricKey('stack_cost.cpu_cores', { container: 'prometheus', cap: '0.85' });
    expect(key).toBe('stack_cost.cpu_cores{cap=0.85,container=prometheus}');
    expect(splitKey(key)).toEqual({ name: 'stack_cost.cpu_cores', labels: { cap: '0.85', container: 'prometheus' } });
  });

  it('refuse the same key twice', () => {
    const sink = collectReport();
    sink.add(metricLine('metrics_latency.p50_ms', { endpoint: 'suna' }, 1, 'x'));
    expect(() => sink.add(metricLine('metrics_latency.p50_ms', { endpoint: 'suna' }, 2, 'x'))).toThrow(/added twice/);
  });
});

describe('the report schema', () => {
  it('round-trips the fixture report unchanged', async () => {
    const report = await readReport(join(FIXTURES, 'baseline.json'));
    expect(parseReport(JSON.parse(JSON.stringify(report)), 'copy')).toEqual(report);
  });

  it('names the file and the field of a malformed report in one line', async () => {
    const file = join(FIXTURES, 'malformed-metric-value.json');
    const error = await readReport(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedReportError);
    expect((error as Error).message).toMatch(new RegExp(`^${file}: field metrics\\.2\\.value: .*number`));
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses another schema version naming the field', () => {
    expect(() => parseReport({ schema: 'onyx-monitoring/verify-report@1' }, 'old.json')).toThrow(/^old\.json: field schema: /);
  });
});

describe('writing a report', () => {
  it('writes <run>.json, latest.json, <run>.md and SVG plots with the goal line and intervals', async () => {
    const report = await readReport(join(FIXTURES, 'baseline.json'));
    const dir = tempDir('onyx-report-');
    await writeReport(report, dir);
    const run = report.runId;
    expect((await readdir(dir)).sort()).toEqual([`${run}-latency.svg`, `${run}-overhead.svg`, `${run}.json`, `${run}.md`, 'latest.json'].sort());
    expect(await readReport(join(dir, 'latest.json'))).toEqual(report);
    const latency = await readFile(join(dir, `${run}-latency.svg`), 'utf8');
    expect(latency).toContain('goal p95 &#60; 10');
    expect(latency.match(/<rect [^>]*fill="#1f77b4"/g)).toHaveLength(3);
    const overhead = await readFile(join(dir, `${run}-overhead.svg`), 'utf8');
    expect(overhead.match(/<circle /g)).toHaveLength(2);
    const markdown = await readFile(join(dir, `${run}.md`), 'utf8');
    expect(markdown).toContain(`![p95 of each /metrics endpoint (ms) against the 10 ms goal](${run}-latency.svg)`);
    expect(markdown).toContain('| `overhead.relative_pct{service=suna}` | 1.200 % [0.40, 2.00] | median < 5 | ok |');
  });
});
