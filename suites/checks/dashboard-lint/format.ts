// The human-readable report: findings grouped by dashboard, then one summary line.
import type { LintRun } from './lint-files.ts';
import type { Finding } from './findings.ts';

function findingLine(finding: Finding): string {
  const row = finding.row === undefined ? '' : ` in row "${finding.row}"`;
  return `[${finding.rule}] panel "${finding.panel}"${row}: ${finding.message}`;
}

export function formatRun(run: LintRun): string[] {
  const lines: string[] = [];
  for (const report of run.reports) {
    const schema = report.schemaVersion === undefined ? 'no schemaVersion' : `schemaVersion ${report.schemaVersion}`;
    const unparsed = report.unparsed > 0 ? ` (${report.unparsed} did not parse)` : '';
    lines.push(
      `${report.dashboard} (${report.file}, ${schema}): ${report.panels} panels, ` +
        `${report.expressions} + ${report.variableExpressions} PromQL expressions (panels + variables)${unparsed}, ` +
        `${report.findings.length} findings`,
    );
    for (const finding of report.findings) lines.push(`  ${findingLine(finding)}`);
    for (const { finding, reason } of report.suppressed) lines.push(`  excluded ${findingLine(finding)} (reason: ${reason})`);
    for (const note of report.notes) lines.push(`  note: ${note}`);
  }
  for (const problem of run.exclusionProblems) lines.push(`${problem.dashboard}: ${findingLine(problem)}`);
  for (const failure of run.failures) lines.push(`error: ${failure}`);

  const findings = [...run.reports.flatMap((report) => report.findings), ...run.exclusionProblems];
  const byRule = new Map<string, number>();
  for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  const sum = (pick: (report: LintRun['reports'][number]) => number): number =>
    run.reports.reduce((total, report) => total + pick(report), 0);
  const rules = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, count]) => `${rule} ${count}`);
  lines.push(
    `Summary: ${run.reports.length} dashboards, ${sum((r) => r.panels)} panels, ` +
      `${sum((r) => r.expressions)} + ${sum((r) => r.variableExpressions)} PromQL expressions (panels + variables; ` +
      `${sum((r) => r.expressions + r.variableExpressions - r.unparsed)} parsed, ${sum((r) => r.unparsed)} did not), ` +
      `${findings.length} findings${rules.length > 0 ? `: ${rules.join(', ')}` : ''}` +
      `${run.failures.length > 0 ? `, ${run.failures.length} files not linted` : ''}`,
  );
  return lines;
}
