import { describe, expect, it } from 'vitest';
import { flattenMetricsLatency, MetricsLatencyResult, type EndpointLatency } from '../../../bench/metrics-latency/result.ts';
import { judgeAc913 } from '../../../suites/checks/ac-9-1-3.ts';
import type { WakeLatency } from '../../../bench/metrics-latency/wake-latency.ts';

const summary = (p95: number) => ({ count: 2000, p50: p95 / 2, p95, p99: p95 * 1.5, max: p95 * 3 });
const series = (p95: number) => ({ runs: [summary(p95)], p95Median: p95, p95Interval: { low: p95 * 0.9, high: p95 * 1.1 }, pooled: summary(p95), errors: 0 });

function endpoint(name: string, hostP95: number, promP95: number | null, extra: Partial<EndpointLatency> = {}): EndpointLatency {
  return {
    name,
    job: name,
    core: true,
    url: `http://127.0.0.1:1/${name}/metrics`,
    floorUrl: `http://127.0.0.1:1/health`,
    metrics: series(hostP95),
    floor: series(1),
    ratioToFloor: hostP95,
    bytes: 10_000,
    series: 100,
    closedLoop: { ...summary(hostP95 * 2), concurrency: 8, errors: 0, perSecond: 500 },
    prometheus: promP95 === null ? null : { samples: 20, p95Ms: promP95, maxMs: promP95 * 2 },
    prometheusUnderLoad: null,
    prometheusStartUp: null,
    cpu: { capCpu: 0.5, usedCpu: 0.02, throttledShare: 0, throttledMs: 0 },
    ...extra,
  };
}

function evidence(endpoints: EndpointLatency[], machineWakeLatency: WakeLatency | null = null): MetricsLatencyResult {
  return MetricsLatencyResult.parse({
    machineWakeLatency,
    schema: 'onyx-monitoring/metrics-latency@1',
    startedAt: '2026-12-04T14:00:00.000Z',
    durationSeconds: 200,
    plan: { requests: 2000, warmup: 100, slotMs: 1.25, intervalMs: 20, achievedIntervalMs: 21.5, runs: 5, closedLoop: { concurrency: 8, requests: 2000, maxMs: 5000 }, prometheusWindowSeconds: 300 },
    goalMs: 10,
    endpoints,
  });
}

describe('AC 9.1.3 judge', () => {
  it('passes when every core endpoint is under 10 ms by both methods, and names each with its figures', () => {
    const r = judgeAc913(evidence([endpoint('suna', 1.5, 3), endpoint('supabase-exporter', 6, 8)]));
    expect(r.result).toBe('PASS');
    expect(r.figure).toContain('supabase-exporter 6.00 ms');
    expect(r.details.join('\n')).toMatch(/suna: host p95 1\.50 ms .*Prometheus p95 3\.00 ms \(20 quiet scrapes\)/);
  });

  it('fails on the host method alone, naming the endpoint, the figure and the cause', () => {
    const slow = endpoint('redis-exporter', 39, 8, { cpu: { capCpu: 0.1, usedCpu: 0.1, throttledShare: 0.94, throttledMs: 9000 } });
    const r = judgeAc913(evidence([endpoint('suna', 1.5, 3), slow]));
    expect(r.result).toBe('FAIL');
    const line = r.details.find((d) => d.startsWith('redis-exporter'));
    expect(line).toMatch(/FAIL: host p95 39\.00 ms is not < 10 ms; cause: CPU-throttled in 94% of CFS periods/);
  });

  it('fails on the Prometheus method alone, and when Prometheus stored nothing for a core job', () => {
    expect(judgeAc913(evidence([endpoint('onyx-core', 2, 17.1)])).details[0]).toMatch(/Prometheus scrape p95 17\.10 ms is not < 10 ms/);
    const none = judgeAc913(evidence([endpoint('qdrant', 2, null)]));
    expect(none.result).toBe('FAIL');
    expect(none.details[0]).toMatch(/Prometheus stored no scrape_duration_seconds after the bench's load settled for job qdrant/);
  });

  it("judges Prometheus's quiet scrapes and reports those under the bench's load beside them", () => {
    const e = endpoint('litellm', 2, 6, { prometheusUnderLoad: { samples: 30, p95Ms: 14.8, maxMs: 20 } });
    const r = judgeAc913(evidence([e]));
    expect(r.result).toBe('PASS');
    expect(r.details[0]).toMatch(/Prometheus p95 6\.00 ms \(20 quiet scrapes\) \(under the bench's load 14\.80 ms, 30 scrapes, not judged\)/);
    const loaded = flattenMetricsLatency(evidence([e])).find((l) => l.key === 'metrics_latency.p95_ms{endpoint=litellm,method=prometheus_under_load}');
    expect(loaded).toMatchObject({ value: 14.8 });
    expect(loaded?.how).toMatch(/started during the bench's .* of load \(reported, not judged\)/);
  });

  it('names a cold scrape as the cause when only the quiet scrapes are slow, and Prometheus itself otherwise', () => {
    const cold = endpoint('litellm', 4, 16, { prometheusUnderLoad: { samples: 26, p95Ms: 7, maxMs: 9 } });
    const line = judgeAc913(evidence([cold])).details.find((d) => d.startsWith('litellm'))!;
    expect(line).toMatch(/FAIL: Prometheus scrape p95 16.00 ms is not < 10 ms; cause: a scrape every 15 s finds the service idle and cold/);
    expect(line).toContain('while the bench kept the service busy 7.00 ms');
    const slowAlways = endpoint('litellm', 4, 16, { prometheusUnderLoad: { samples: 26, p95Ms: 18, maxMs: 20 } });
    expect(judgeAc913(evidence([slowAlways])).details.join('\n')).toMatch(/cause: only Prometheus reads it slow \(16.00 ms against the host's 4.00 ms\)/);
  });

  it('says how many slow quiet scrapes stalled along with other targets, and fails all the same', () => {
    const shared = endpoint('redis-exporter', 4, 18, { prometheus: { samples: 20, p95Ms: 18, maxMs: 24, stalls: { overGoal: 2, alongsideOtherTargets: 1 } } });
    const r = judgeAc913(evidence([shared]));
    expect(r.result).toBe('FAIL');
    expect(r.details[0]).toMatch(/cause: 1 of its 2 quiet scrapes of 10 ms or more came within 3 s of slow scrapes of 2 or more other targets \(a stall of Prometheus or of the machine/);
    const own = endpoint('redis-exporter', 4, 18, { prometheus: { samples: 20, p95Ms: 18, maxMs: 24, stalls: { overGoal: 3, alongsideOtherTargets: 0 } } });
    expect(judgeAc913(evidence([own])).details[0]).toMatch(/cause: none of its 3 quiet scrapes of 10 ms or more came with slow scrapes of other targets \(its own slowness\)/);
    const fast = endpoint('redis-exporter', 4, 6, { prometheus: { samples: 20, p95Ms: 6, maxMs: 12, stalls: { overGoal: 1, alongsideOtherTargets: 1 } } });
    expect(judgeAc913(evidence([fast])).details[0]).not.toMatch(/stall/);
  });

  it("names the machine's late wake-ups measured in the same run beside a shared stall, and reports them on a pass", () => {
    const machine: WakeLatency = {
      seconds: 30,
      sleepMs: 1,
      pinned: true,
      cpus: [
        { cpu: 0, wakeups: 26000, lateOver: { '2': 150, '5': 36, '10': 3 }, maxLateMs: 14.5 },
        { cpu: 1, wakeups: 26100, lateOver: { '2': 120, '5': 24, '10': 1 }, maxLateMs: 9.2 },
      ],
    };
    const shared = endpoint('redis-exporter', 4, 18, { prometheus: { samples: 20, p95Ms: 18, maxMs: 24, stalls: { overGoal: 2, alongsideOtherTargets: 1 } } });
    const failed = judgeAc913(evidence([shared], machine));
    expect(failed.details[0]).toMatch(
      /other targets \(a stall of Prometheus or of the machine, not of this service alone\); the machine in the same run, idle: 1\.00 wake-ups per second per CPU came more than 5 ms late \(60 of 52100; latest 14\.5 ms; 2 CPUs pinned, 1 ms sleeps for 30 s/,
    );
    const passed = judgeAc913(evidence([endpoint('suna', 2, 6)], machine));
    expect(passed.result).toBe('PASS');
    expect(passed.details).toContain(
      'the machine, probed right after the quiet scrapes: 1.00 wake-ups per second per CPU came more than 5 ms late (60 of 52100; latest 14.5 ms; 2 CPUs pinned, 1 ms sleeps for 30 s, stack idle)',
    );
    expect(judgeAc913(evidence([endpoint('suna', 2, 6)])).details.join('\n')).not.toMatch(/the machine, probed/);
  });

  it('fails on failed requests even when the successful ones were fast', () => {
    const e = endpoint('litellm', 1, 2);
    e.metrics = { ...e.metrics, errors: 3, firstError: 'HTTP 401' };
    expect(judgeAc913(evidence([e])).details[0]).toMatch(/litellm: FAIL: 3 failed requests \(HTTP 401\)/);
  });

  it('reports endpoints outside the core services over the goal without failing the AC', () => {
    const node = endpoint('node-exporter', 348, 473, { core: false });
    const r = judgeAc913(evidence([endpoint('suna', 1.5, 3), node]));
    expect(r.result).toBe('PASS');
    expect(r.details.find((d) => d.startsWith('node-exporter'))).toMatch(/not a core service.*over the goal: host p95 348\.00 ms/);
  });

  it("fails a Node stub's own 2 ms goal with its cause, without failing the AC", () => {
    const r = judgeAc913(evidence([endpoint('qdrant', 4, 5, { floor: series(1.25), series: 63, bytes: 4000 })]));
    expect(r.result).toBe('PASS');
    const miss = r.details.find((d) => d.includes('own goal'));
    expect(miss).toMatch(/^qdrant: FAIL of the Node stubs' own goal .*host p95 4\.00 ms is not <= 2 ms; cause: its trivial route \S+ takes 1\.25 ms at p95 .*rendering 63 series \(4000 bytes\) adds 2\.75 ms$/);
  });

  it('says nothing of the 2 ms goal for a stub that meets it', () => {
    const r = judgeAc913(evidence([endpoint('qdrant', 1.9, 5)]));
    expect(r.details.some((d) => d.includes('own goal'))).toBe(false);
  });

  it('blames the path when even the trivial route is slow', () => {
    const e = endpoint('qdrant', 13, 5, { floor: series(12), ratioToFloor: 13 / 12 });
    expect(judgeAc913(evidence([e])).details[0]).toMatch(/even its trivial route \/health takes 12\.00 ms/);
  });

  it('flattens to report lines per endpoint and method, judged against p95 < 10', () => {
    const lines = flattenMetricsLatency(evidence([endpoint('suna', 1.5, 12)]));
    const host = lines.find((l) => l.key === 'metrics_latency.p95_ms{endpoint=suna,method=host}');
    const prom = lines.find((l) => l.key === 'metrics_latency.p95_ms{endpoint=suna,method=prometheus}');
    expect(host).toMatchObject({ unit: 'ms', value: 1.5, threshold: 'p95 < 10', ok: true, interval: { low: expect.closeTo(1.35, 9), high: expect.closeTo(1.65, 9), level: 0.95 } });
    expect(host?.how).toMatch(/2000 requests paced 20 ms \(achieved 21\.5\) on 1 connection.* 5 runs, median of run p95s, bootstrap 95% CI \[1\.35, 1\.65\]/);
    expect(prom).toMatchObject({ value: 12, ok: false });
    expect(lines.map((l) => l.key)).toEqual(
      expect.arrayContaining(['metrics_latency.floor_ratio{endpoint=suna}', 'metrics_latency.closed_loop_p95_ms{concurrency=8,endpoint=suna}']),
    );
  });

  it('marks the host lines failed when requests failed, however fast the others were', () => {
    const e = endpoint('qdrant', 1, 2);
    e.metrics = { ...e.metrics, errors: 1 };
    const host = flattenMetricsLatency(evidence([e])).find((l) => l.key === 'metrics_latency.p95_ms{endpoint=qdrant,method=host}');
    expect(host?.ok).toBe(false);
  });
});
