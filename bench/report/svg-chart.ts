// A horizontal chart as plain SVG text: one row per item, a bar (or a dot with its interval as a
// whisker), and vertical reference lines (a goal, zero). Hand-written so that reports need no
// chart library and render anywhere an image does.

export interface ChartRow {
  label: string;
  value: number;
  low?: number;
  high?: number;
}

export interface ChartReference {
  value: number;
  label: string;
}

export interface Chart {
  title: string;
  unit: string;
  rows: ChartRow[];
  references: ChartReference[];
}

const WIDTH = 720;
const LABEL_WIDTH = 260;
const RIGHT_MARGIN = 70;
const ROW_HEIGHT = 22;
const TOP = 44;
const BOTTOM = 30;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function renderChart(chart: Chart): string {
  const all = [
    0,
    ...chart.rows.flatMap((r) => [r.value, r.low ?? r.value, r.high ?? r.value]),
    ...chart.references.map((r) => r.value),
  ];
  const span = Math.max(...all) - Math.min(...all) || 1;
  const min = Math.min(...all) - (Math.min(...all) < 0 ? span * 0.05 : 0);
  const max = Math.max(...all) + span * 0.08;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
  const x = (v: number) => LABEL_WIDTH + ((v - min) / (max - min)) * plotWidth;
  const height = TOP + chart.rows.length * ROW_HEIGHT + BOTTOM;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  chart.rows.forEach((row, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2;
    parts.push(`<text x="${LABEL_WIDTH - 6}" y="${mid + 4}" text-anchor="end">${escapeXml(row.label)}</text>`);
    if (row.low !== undefined && row.high !== undefined) {
      parts.push(`<line x1="${x(row.low).toFixed(1)}" y1="${mid}" x2="${x(row.high).toFixed(1)}" y2="${mid}" stroke="#444" stroke-width="2"/>`);
      parts.push(`<circle cx="${x(row.value).toFixed(1)}" cy="${mid}" r="4" fill="#1f77b4"/>`);
    } else {
      const from = x(Math.min(0, row.value));
      const to = x(Math.max(0, row.value));
      parts.push(`<rect x="${from.toFixed(1)}" y="${y + 4}" width="${Math.max(1, to - from).toFixed(1)}" height="${ROW_HEIGHT - 8}" fill="#1f77b4"/>`);
    }
    const edge = Math.max(x(row.value), x(row.high ?? row.value));
    parts.push(`<text x="${(edge + 4).toFixed(1)}" y="${mid + 4}">${format(row.value)}</text>`);
  });
  const bottom = TOP + chart.rows.length * ROW_HEIGHT;
  for (const ref of chart.references) {
    const rx = x(ref.value).toFixed(1);
    parts.push(`<line x1="${rx}" y1="${TOP - 6}" x2="${rx}" y2="${bottom}" stroke="#d62728" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${rx}" y="${TOP - 10}" text-anchor="middle" fill="#d62728">${escapeXml(ref.label)}</text>`);
  }
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${bottom}" x2="${WIDTH - RIGHT_MARGIN}" y2="${bottom}" stroke="#888"/>`);
  parts.push(`<text x="${LABEL_WIDTH}" y="${bottom + 16}">${format(min)} ${escapeXml(chart.unit)}</text>`);
  parts.push(`<text x="${WIDTH - RIGHT_MARGIN}" y="${bottom + 16}" text-anchor="end">${format(max)} ${escapeXml(chart.unit)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
