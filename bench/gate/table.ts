import type { GateResult } from './compare.ts';

// The gate's table: one row per metric, the latest value, each reference with the change, verdict.

function signed(worsening: number): string {
  const pct = worsening * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)} %`;
}

export function formatGate(result: GateResult, referenceLabels: string[]): string[] {
  const header = ['metric', 'latest', ...referenceLabels.flatMap((label) => [label, 'worse by']), 'verdict'];
  const rows = result.rows.map((row) => [
    row.key,
    row.latest === undefined ? '-' : `${+row.latest.toPrecision(4)} ${row.unit}`,
    ...referenceLabels.flatMap((label) => {
      const c = row.comparisons.find((x) => x.reference === label);
      return c ? [`${+c.value.toPrecision(4)}`, signed(c.worsening)] : ['-', '-'];
    }),
    row.status.toUpperCase(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
  out.push('', result.failures.length === 0 ? 'gate: PASS' : `gate: FAIL (${result.failures.length})`);
  for (const failure of result.failures) out.push(`  ${failure}`);
  for (const note of result.notes) out.push(`  note: ${note}`);
  return out;
}
