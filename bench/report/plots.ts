import { parseThreshold, splitKey } from './lines.ts';
import type { MetricLine, VerifyReport } from './schema.ts';
import { renderChart, type Chart, type ChartReference } from './svg-chart.ts';

// The report's plots, drawn from its metric lines: the latency of each endpoint against its
// goal, and each overhead with its interval against zero and the goal.

export interface Plot {
  /** File name suffix, e.g. `latency` for reports/<run>-latency.svg. */
  name: string;
  caption: string;
  svg: string;
}

function goals(lines: MetricLine[]): ChartReference[] {
  const thresholds = [...new Set(lines.map((l) => l.threshold).filter((t): t is string => t !== null))];
  return thresholds.map((t) => ({ value: parseThreshold(t).bound, label: `goal ${t}` }));
}

function labelOf(line: MetricLine): string {
  const { labels } = splitKey(line.key);
  const text = Object.values(labels).join(' / ');
  return text === '' ? splitKey(line.key).name : text;
}

function chartOf(title: string, lines: MetricLine[], extra: ChartReference[] = []): Chart {
  return {
    title,
    unit: lines[0]!.unit,
    rows: lines.map((l) => ({ label: labelOf(l), value: l.value, low: l.interval?.low, high: l.interval?.high })),
    references: [...extra, ...goals(lines)],
  };
}

export function reportPlots(report: VerifyReport): Plot[] {
  const plots: Plot[] = [];
  const latency = report.metrics.filter((l) => splitKey(l.key).name === 'metrics_latency.p95_ms');
  if (latency.length > 0) {
    plots.push({
      name: 'latency',
      caption: 'p95 of each /metrics endpoint (ms) against the 10 ms goal',
      svg: renderChart(chartOf('/metrics p95 per endpoint (ms)', latency)),
    });
  }
  const overhead = report.metrics.filter((l) => l.unit === '%' && l.interval && splitKey(l.key).name.startsWith('overhead.'));
  if (overhead.length > 0) {
    plots.push({
      name: 'overhead',
      caption: 'instrumentation CPU overhead (%): median with its 95 % bootstrap interval; the A/A control must contain 0',
      svg: renderChart(chartOf('Instrumentation CPU overhead (%), median and 95 % interval', overhead, [{ value: 0, label: '0' }])),
    });
  }
  return plots;
}
