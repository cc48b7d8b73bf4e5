// "stub fidelity": each running stub scraped with credentials, once its workload has moved it,
// and compared with its product's manifest (stack/stubs/manifests/<stub>.json).
import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../../stack/model/credentials.ts';
import { loadManifest, manifestFile, MANIFEST_STUBS, type ManifestStub } from '../../../stack/stubs/manifests/load.ts';
import type { StubManifest } from '../../../stack/stubs/manifests/schema.ts';
import type { AcResult } from '../ac-result.ts';
import type { MetricFamily } from '../exposition/parse.ts';
import { scrapeUntilPresent } from '../exposition/scrape.ts';
import type { AcCheck } from '../ac-check.ts';
import { runFidelityWorkload } from './workload.ts';
import { compareWithManifest, describeFidelity, releaseOf } from './compare.ts';

export const STUB_FIDELITY_CHECK = 'stub fidelity';
const checkName = (stub: ManifestStub) => `${STUB_FIDELITY_CHECK}: ${stub}`;
const title = (stub: ManifestStub) => `the running ${stub} stub exposes exactly the families of the release its manifest pins`;

/**
 * The stub's exposition after its fidelity workload, once no manifest family is missing or
 * unsampled (the stubs' background activity moves the rest within seconds). On timeout the last
 * scrape is returned: the judge then names what stayed missing.
 */
export async function gatherStubFamilies(info: StackInfo, stub: ManifestStub, manifest: StubManifest): Promise<MetricFamily[]> {
  await runFidelityWorkload(info, stub);
  const service = info.services.find((s) => s.name === stub);
  if (!service?.metricsUrl) throw new Error(`${stub} has no metrics URL in this stack`);
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  const missing = (families: MetricFamily[]) =>
    compareWithManifest(manifest, families).filter((d) => d.kind === 'missing').map((d) => d.family);
  return scrapeUntilPresent(service.metricsUrl, authorization, `every family of ${releaseOf(manifest)} with samples`, missing);
}

export function judgeStubFidelity(stub: ManifestStub, manifest: StubManifest, families: readonly MetricFamily[]): AcResult {
  const differences = compareWithManifest(manifest, families);
  const named = new Set(differences.map((d) => d.family));
  const faithful = manifest.families.filter((f) => !named.has(f.name)).length;
  return {
    ac: checkName(stub),
    title: title(stub),
    result: differences.length === 0 ? 'PASS' : 'FAIL',
    figure: `${faithful}/${manifest.families.length} families of ${releaseOf(manifest)} as released, ${differences.filter((d) => d.kind === 'extra').length} extra, ${manifest.leftOut.length} left out on purpose`,
    method: `scraped ${stub}'s metrics endpoint with credentials after its workload, parsed the text format, compared family names, types, label names and bucket bounds with ${manifestFile(stub).replace(/^.*\/stack\//, 'stack/')}`,
    details: describeFidelity(differences),
  };
}

export function noManifestResult(stub: ManifestStub): AcResult {
  const reason = `no fidelity manifest for ${stub} yet (${manifestFile(stub).replace(/^.*\/stack\//, 'stack/')}): nothing to compare it with`;
  return { ac: checkName(stub), title: title(stub), result: 'NOT VERIFIED', figure: '-', method: reason, details: [] };
}

/** One named check per stub, so verify reports each stub's fidelity on its own line. */
export const STUB_FIDELITY_CHECKS: AcCheck[] = MANIFEST_STUBS.map((stub) => ({
  ac: checkName(stub),
  title: title(stub),
  readOnly: true,
  run: async ({ info }) => {
    const manifest = await loadManifest(stub);
    if (!manifest) return noManifestResult(stub);
    return judgeStubFidelity(stub, manifest, await gatherStubFamilies(info, stub, manifest));
  },
}));
