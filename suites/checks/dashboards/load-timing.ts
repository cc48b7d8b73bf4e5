import type { PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';
import type { DashboardSpec } from '../../../stack/dashboards/index.ts';
import { median } from '../../../bench/metrics-latency/stats.ts';
import { loadDashboard } from './data.ts';

// How long a dashboard takes to load, from several loads: one load of 10-25 ms moved 2x between
// verifies of the same stack (System Overview 9.2 then 17.1 ms), too noisy for a nightly gate. Each
// round opens every dashboard once, one after the other with a pause, as a user would; the figure is
// the median of the rounds, and every load is held to the story's limit.

export const LOAD_ROUNDS = 9;
const PAUSE_MS = 500;

export interface LoadTiming {
  dashboard: string;
  loadsMs: number[];
  medianMs: number;
  slowestMs: number;
}

export function loadTiming(dashboard: string, loadsMs: number[]): LoadTiming {
  if (loadsMs.length === 0) throw new Error(`no timed load of ${dashboard}`);
  return { dashboard, loadsMs, medianMs: median(loadsMs), slowestMs: Math.max(...loadsMs) };
}

export async function timeDashboardLoads(
  prom: PrometheusClient,
  specs: readonly DashboardSpec[],
  scrapeIntervalS: number,
  rounds = LOAD_ROUNDS,
): Promise<LoadTiming[]> {
  const known = new Set(await prom.metricNames());
  const loads = new Map<string, number[]>(specs.map((s) => [s.title, []]));
  for (let round = 0; round < rounds; round++) {
    for (const spec of specs) {
      await new Promise((done) => setTimeout(done, PAUSE_MS));
      loads.get(spec.title)!.push((await loadDashboard(prom, spec, scrapeIntervalS, known)).loadMs);
    }
  }
  return specs.map((s) => loadTiming(s.title, loads.get(s.title)!));
}

/** A load over the limit, one line per dashboard, naming how many of its loads were. */
export function slowLoadProblems(timings: LoadTiming[], limitMs: number): string[] {
  return timings.flatMap((t) => {
    const over = t.loadsMs.filter((ms) => ms > limitMs).length;
    return over ? [`${t.dashboard}: ${over} of ${t.loadsMs.length} loads took over ${limitMs} ms (slowest ${Math.round(t.slowestMs)} ms)`] : [];
  });
}
