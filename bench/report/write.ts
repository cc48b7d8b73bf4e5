import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderMarkdown } from './markdown.ts';
import { reportPlots } from './plots.ts';
import { parseReport, type VerifyReport } from './schema.ts';

/** Writes <run>.json, latest.json, <run>.md and its SVG plots into `dir`; returns the files written. */
export async function writeReport(report: VerifyReport, dir: string): Promise<string[]> {
  // A report that would not read back is a bug here, caught before anything is written.
  parseReport(report, `report ${report.runId}`);
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const plots = reportPlots(report);
  const svgFile = (plot: { name: string }) => `${report.runId}-${plot.name}.svg`;
  const files: [string, string][] = [
    [`${report.runId}.json`, json],
    ['latest.json', json],
    [`${report.runId}.md`, renderMarkdown(report, plots, svgFile)],
    ...plots.map((plot): [string, string] => [svgFile(plot), plot.svg]),
  ];
  for (const [name, text] of files) await writeFile(resolve(dir, name), text);
  return files.map(([name]) => resolve(dir, name));
}
