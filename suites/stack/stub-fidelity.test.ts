import { expect, it } from 'vitest';
import { loadAllManifests } from '../../stack/stubs/manifests/load.ts';
import { gatherStubFamilies, judgeStubFidelity } from '../checks/fidelity/stub-fidelity-check.ts';
import { describeOnStack } from './stack-context.ts';

const all = await loadAllManifests();
const withManifest = all.flatMap(({ stub, manifest }) => (manifest ? [{ stub, manifest }] : []));
const without = all.filter(({ manifest }) => !manifest).map(({ stub }) => stub);
const notVerified = without.length > 0 ? ` (NOT VERIFIED, no manifest yet: ${without.join(', ')})` : '';

describeOnStack(`each running stub exposes the families of the release its manifest pins${notVerified}`, (stack) => {
  for (const { stub, manifest } of withManifest) {
    it(`${stub} against ${manifest.product} ${manifest.version}: no missing, extra or mismatched family`, async () => {
      const result = judgeStubFidelity(stub, manifest, await gatherStubFamilies(stack, stub, manifest));
      expect(result.details).toEqual([]);
      expect(result.result).toBe('PASS');
    });
  }
  for (const stub of without) it.skip(`${stub}: NOT VERIFIED, no manifest in stack/stubs/manifests yet`, () => undefined);
});
