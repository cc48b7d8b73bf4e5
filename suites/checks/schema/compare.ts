import { bucketBoundsOf, labelNamesOf, type MetricFamily } from '../exposition/parse.ts';
import type { SpecMetric } from '../spec-schema.ts';

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
function inconsistentLabelSets(family: MetricFamily, expected: readonly string[]): SchemaDifference[] {
  const ignored = family.type === 'histogram' ? 'le' : '';
  const seen = new Set<string>();
  for (const s of family.samples) {
    const names = Object.keys(s.labels).filter((n) => n !== ignored).sort();
    seen.add(names.join(','));
  }
  if (seen.size <= 1) return [];
  const wanted = [...expected].sort().join(',');
  return [...seen]
    .filter((set) => set !== wanted)
    .map((set) => ({ metric: family.name, difference: `a series carries labels {${set}}, the SPEC says {${wanted}}` }));
}

export function compareWithSpec(spec: readonly SpecMetric[], families: readonly MetricFamily[]): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  for (const want of spec) {
    const family = families.find((f) => f.name === want.name);
    if (!family) {
      differences.push({ metric: want.name, difference: 'not exposed' });
      continue;
    }
    if (family.type !== want.type) differences.push({ metric: want.name, difference: `type ${family.type}, the SPEC says ${want.type}` });
    if (family.samples.length === 0) {
      differences.push({ metric: want.name, difference: 'exposed without samples, so its label names cannot be read' });
      continue;
    }
    const labels = labelNamesOf(family);
    differences.push(...setDifference(want.labels, labels, 'label', want.name));
    differences.push(...inconsistentLabelSets(family, want.labels));
    if (want.buckets) {
      const bounds = bucketBoundsOf(family);
      const same = bounds.length === want.buckets.length && bounds.every((b, i) => b === want.buckets![i]);
      if (!same) differences.push({ metric: want.name, difference: `buckets ${list(bounds)}, the SPEC says ${list(want.buckets)}` });
    }
  }
  return differences;
}

export function describeDifferences(differences: readonly SchemaDifference[]): string[] {
  return differences.map((d) => `${d.metric}: ${d.difference}`);
}
