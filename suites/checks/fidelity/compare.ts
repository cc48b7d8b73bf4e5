// A stub's exposition against its product's fidelity manifest: every family the release exposes
// must be there with the same type, label names and bucket bounds; nothing else may be.
import type { StubManifest } from '../../../stack/stubs/manifests/schema.ts';
import type { MetricFamily } from '../exposition/parse.ts';
import { compareFamilies } from '../schema/compare.ts';

export type FidelityKind = 'missing' | 'extra' | 'mismatched';

export interface FidelityDifference {
  kind: FidelityKind;
  family: string;
  detail: string;
}

export const releaseOf = (manifest: StubManifest): string => `${manifest.product} ${manifest.version}`;

export function compareWithManifest(manifest: StubManifest, families: readonly MetricFamily[]): FidelityDifference[] {
  const release = releaseOf(manifest);
  const emptyAllowed = new Set(manifest.families.filter((f) => f.mayHaveNoSamples).map((f) => f.name));
  const compared = compareFamilies(manifest.families, families, release).filter(
    (d) => !(emptyAllowed.has(d.metric) && d.difference.startsWith('exposed without samples')),
  );
  const differences: FidelityDifference[] = compared.map((d) =>
    d.difference === 'not exposed'
      ? { kind: 'missing', family: d.metric, detail: `${release} exposes it, the stub does not` }
      : d.difference.startsWith('exposed without samples')
        ? { kind: 'missing', family: d.metric, detail: 'declared but no samples after the workload, so its labels cannot be compared' }
        : { kind: 'mismatched', family: d.metric, detail: d.difference },
  );
  const listed = new Set(manifest.families.map((f) => f.name));
  const leftOut = new Map(manifest.leftOut.map((f) => [f.name, f.reason]));
  for (const family of families) {
    if (listed.has(family.name)) continue;
    const reason = leftOut.get(family.name);
    const detail = reason ? `the manifest lists it as left out (${reason}) but the stub exposes it` : `${release} does not expose it`;
    differences.push({ kind: 'extra', family: family.name, detail });
  }
  return differences;
}

export function describeFidelity(differences: readonly FidelityDifference[]): string[] {
  return differences.map((d) => `${d.kind} ${d.family}: ${d.detail}`);
}
