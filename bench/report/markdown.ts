import type { Plot } from './plots.ts';
import type { VerifyReport } from './schema.ts';

// The short human summary beside each JSON report: ACs, every metric line with its threshold,
// and the plots (SVG files next to it).

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdown(report: VerifyReport, plots: Plot[], svgFile: (plot: Plot) => string): string {
  const out: string[] = [
    `# verify ${report.runId}`,
    '',
    `${report.startedAt} to ${report.finishedAt} (${report.wallSeconds.toFixed(0)} s); engine ${report.engine}; host ${report.host.cores} cores, ${report.host.memoryMiB} MiB, kernel ${report.host.kernel}, Node ${report.host.node}.`,
    '',
  ];
  if (report.failure) out.push(`**Run failed:** ${report.failure}`, '');
  for (const warning of report.capWarnings) out.push(`- cap warning: ${warning}`);
  out.push('| AC | result | figure | criterion |', '|---|---|---|---|');
  for (const r of report.results) out.push(`| ${r.ac} | ${r.result} | ${cell(r.figure)} | ${cell(r.title)} |`);
  if (report.metrics.length > 0) {
    out.push('', '| metric | value | threshold | ok | how measured |', '|---|---|---|---|---|');
    for (const l of report.metrics) {
      const interval = l.interval ? ` [${l.interval.low.toFixed(2)}, ${l.interval.high.toFixed(2)}]` : '';
      const verdict = l.threshold === null ? '-' : l.ok ? 'ok' : '**failed**';
      out.push(`| \`${l.key}\` | ${l.value.toFixed(3)} ${l.unit}${interval} | ${l.threshold ?? '-'} | ${verdict} | ${cell(l.how)} |`);
    }
  }
  for (const plot of plots) out.push('', `![${plot.caption}](${svgFile(plot)})`, '', `*${plot.caption}*`);
  return `${out.join('\n')}\n`;
}
