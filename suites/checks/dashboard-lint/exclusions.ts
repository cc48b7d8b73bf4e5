// Switching a rule off for one panel, with a written reason, in the format of Grafana's
// dashboard-linter: a `.lint` YAML file beside the dashboards, so any dashboard JSON can be
// excepted without editing it. Unlike dashboard-linter, an exclusion must name its panels and
// give a reason; one that does not is itself a finding and excludes nothing.
//
//   exclusions:
//     target-counter-agg-rule:
//       reason: pg_stat_activity_count is a gauge despite its suffix
//       entries:
//         - dashboard: Infrastructure Health     # optional: any dashboard in the folder
//           panel: PostgreSQL connections
//           reason: optional, overrides the rule's reason
import { parse } from 'yaml';
import { RULES, type Finding, type RuleId } from './findings.ts';

export const EXCLUSIONS_FILE = '.lint';

export interface Exclusion {
  readonly rule: RuleId;
  readonly dashboard: string | undefined;
  readonly panel: string;
  readonly reason: string;
}

export interface Exclusions {
  readonly entries: readonly Exclusion[];
  /** What is wrong in the file itself, as findings. */
  readonly problems: readonly Finding[];
}

export const NO_EXCLUSIONS: Exclusions = { entries: [], problems: [] };

export class BadExclusionsFile extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads a `.lint` file's text; `source` names it in findings. */
export function parseExclusions(yamlText: string, source: string): Exclusions {
  let document: unknown;
  try {
    document = parse(yamlText);
  } catch (error) {
    throw new BadExclusionsFile(`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const rules = isObject(document) && isObject(document.exclusions) ? document.exclusions : {};
  const entries: Exclusion[] = [];
  const problems: Finding[] = [];
  const problem = (panel: string, message: string): void => {
    problems.push({ rule: 'lint-exclusion-reason-rule', dashboard: source, panel, message });
  };
  for (const [rule, body] of Object.entries(rules)) {
    if (!(rule in RULES)) {
      problem('-', `excludes "${rule}", which is not a rule of this linter`);
      continue;
    }
    const ruleReason = isObject(body) ? nonEmpty(body.reason) : undefined;
    const listed = isObject(body) && Array.isArray(body.entries) ? body.entries.filter(isObject) : [];
    if (listed.length === 0) problem('-', `${rule}: the exclusion names no panel (entries: - panel: TITLE); it excludes nothing`);
    for (const entry of listed) {
      const panel = nonEmpty(entry.panel);
      const reason = nonEmpty(entry.reason) ?? ruleReason;
      if (panel === undefined) problem('-', `${rule}: an entry names no panel; it excludes nothing`);
      else if (reason === undefined) problem(panel, `${rule}: the exclusion of this panel gives no reason; it excludes nothing`);
      else entries.push({ rule: rule as RuleId, dashboard: nonEmpty(entry.dashboard), panel, reason });
    }
  }
  return { entries, problems };
}

/** The exclusion that switches this finding off, if any. */
export function exclusionFor(finding: Finding, exclusions: Exclusions): Exclusion | undefined {
  return exclusions.entries.find(
    (entry) =>
      entry.rule === finding.rule &&
      entry.panel === finding.panel &&
      (entry.dashboard === undefined || entry.dashboard === finding.dashboard),
  );
}
