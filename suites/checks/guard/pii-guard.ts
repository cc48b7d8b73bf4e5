import type { MetricFamily } from '../exposition/parse.ts';
import type { AcResult } from '../ac-result.ts';
import { piiRuleFor, type PiiConfig, type SeriesBudget } from './pii-config.ts';

/** A label name on a metric, as exposed by a target or as stored by Prometheus. */
export interface LabelUse {
  metric: string;
  label: string;
}

export interface GuardEvidence {
  /** Label uses of PII-like names in Prometheus's storage, by metric. */
  stored: LabelUse[];
  /** What each target exposes on its metrics endpoint, before relabelling. */
  exposed: { target: string; uses: LabelUse[] }[];
  /** Series per metric name in Prometheus's head block. */
  seriesPerMetric: Record<string, number>;
}

export const GUARD_CHECK = 'PII and cardinality guard';
export const GUARD_TITLE = 'no personal-data label is stored, and series stay within their budgets';

/** Every (metric, label) pair of exposed families; `le` and `quantile` are structure, not labels. */
export function labelUses(families: readonly MetricFamily[]): LabelUse[] {
  const uses = new Map<string, LabelUse>();
  for (const f of families) {
    for (const s of f.samples) {
      for (const label of Object.keys(s.labels)) {
        if (label === 'le' || label === 'quantile') continue;
        uses.set(`${f.name}\0${label}`, { metric: f.name, label });
      }
    }
  }
  return [...uses.values()];
}

export function judgeGuard(evidence: GuardEvidence, pii: PiiConfig, budget: SeriesBudget): AcResult {
  const problems: string[] = [];
  const reported: string[] = [];
  const storedKey = new Set(evidence.stored.map((u) => `${u.metric}\0${u.label}`));
  for (const use of evidence.stored) {
    const rule = piiRuleFor(use.label, pii, use.metric);
    if (rule) problems.push(`${use.metric}: label ${use.label} is stored (${rule.why})`);
  }
  for (const { target, uses } of evidence.exposed) {
    for (const use of uses) {
      const rule = piiRuleFor(use.label, pii, use.metric);
      if (!rule) continue;
      const fate = storedKey.has(`${use.metric}\0${use.label}`) ? 'and STORED' : 'dropped before storage';
      reported.push(`${target} exposes ${use.metric} with label ${use.label} (${rule.why}), ${fate}`);
    }
  }
  if (Object.keys(evidence.seriesPerMetric).length === 0) problems.push('Prometheus stores no series: nothing to judge');
  let total = 0;
  for (const [metric, count] of Object.entries(evidence.seriesPerMetric)) {
    total += count;
    const limit = budget.perMetric[metric]?.budget ?? budget.perMetricDefault;
    if (count > limit) problems.push(`${metric}: ${count} series, over its budget of ${limit}`);
  }
  if (total > budget.stackTotal) problems.push(`the stack: ${total} series, over its budget of ${budget.stackTotal}`);
  const largest = Object.entries(evidence.seriesPerMetric).sort((a, b) => b[1] - a[1])[0];
  return {
    ac: GUARD_CHECK,
    title: GUARD_TITLE,
    result: problems.length === 0 ? 'PASS' : 'FAIL',
    figure: `${problems.length} problems; ${total} series (budget ${budget.stackTotal}), largest ${largest ? `${largest[0]} ${largest[1]}` : '-'}; ${reported.length} personal-data labels exposed`,
    method:
      'Prometheus label names API and series API for stored labels, count by (__name__) for series per metric; ' +
      "each target's metrics endpoint scraped with credentials for what it exposes",
    details: [...problems, ...reported],
  };
}
