import { bucketBoundsOf, labelNamesOf, type MetricFamily } from '../exposition/parse.ts';
import type { SpecMetric } from '../spec-schema.ts';

/** What a family should look like: the SPEC's table row, or a product's family in a fidelity manifest. */
export type ExpectedFamily = Pick<SpecMetric, 'name' | 'type' | 'labels' | 'buckets'>;

/** One way an exposed metric departs from the SPEC, named so a reader can fix it. */
export interface SchemaDifference {
  metric: string;
  difference: string;
}

const list = (xs: readonly (string | number)[]) => (xs.length === 0 ? '(none)' : xs.join(', '));

function setDifference(expected: readonly string[], actual: readonly string[], what: string, metric: string): SchemaDifference[] {
  return [
    ...actual.filter((x) => !expected.includes(x)).map((x) => ({ metric, difference: `added ${what} ${x}` })),
    ...expected.filter((x) => !actual.includes(x)).map((x) => ({ metric, difference: `missing ${what} ${x}` })),
  ];
}

/** Every label set of a family must carry the same label names; a series with one more is a difference too. */
function inconsistentLabelSets(family: MetricFamily, expected: readonly string[], authority: string): SchemaDifference[] {
  const ignored = family.type === 'histogram' ? 'le' : family.type === 'summary' ? 'quantile' : '';
  const seen = new Set<string>();
  for (const s of family.samples) {
    const names = Object.keys(s.labels).filter((n) => n !== ignored).sort();
    seen.add(names.join(','));
  }
  if (seen.size <= 1) return [];
  const wanted = [...expected].sort().join(',');
  return [...seen]
    .filter((set) => set !== wanted)
    .map((set) => ({ metric: family.name, difference: `a series carries labels {${set}}, ${authority} says {${wanted}}` }));
}

/** Each expected family against the exposed ones; `authority` names who says so in the messages. */
export function compareFamilies(expected: readonly ExpectedFamily[], families: readonly MetricFamily[], authority: string): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  for (const want of expected) {
    const family = families.find((f) => f.name === want.name);
    if (!family) {
      differences.push({ metric: want.name, difference: 'not exposed' });
      continue;
    }
    if (family.type !== want.type) differences.push({ metric: want.name, difference: `type ${family.type}, ${authority} says ${want.type}` });
    if (family.samples.length === 0) {
      differences.push({ metric: want.name, difference: 'exposed without samples, so its label names cannot be read' });
      continue;
    }
    const labels = labelNamesOf(family);
    differences.push(...setDifference(want.labels, labels, 'label', want.name));
    differences.push(...inconsistentLabelSets(family, want.labels, authority));
    if (want.buckets) {
      const bounds = bucketBoundsOf(family);
      const same = bounds.length === want.buckets.length && bounds.every((b, i) => b === want.buckets![i]);
      if (!same) differences.push({ metric: want.name, difference: `buckets ${list(bounds)}, ${authority} says ${list(want.buckets)}` });
    }
  }
  return differences;
}

export function compareWithSpec(spec: readonly SpecMetric[], families: readonly MetricFamily[]): SchemaDifference[] {
  return compareFamilies(spec, families, 'the SPEC');
}

export function describeDifferences(differences: readonly SchemaDifference[]): string[] {
  return differences.map((d) => `${d.metric}: ${d.difference}`);
}
