import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { loadAllManifests, loadManifest, MalformedManifestError, parseManifest, readManifest } from '../../../stack/stubs/manifests/load.ts';
import { parseExposition } from '../../checks/exposition/parse.ts';
import { judgeStubFidelity, noManifestResult } from '../../checks/fidelity/stub-fidelity-check.ts';
import { tempDir } from '../../temp-dirs.ts';

const FIXTURES = resolve(REPO_ROOT, 'fixtures/fidelity');
const exposition = (name: string) => parseExposition(readFileSync(resolve(FIXTURES, name), 'utf8'));
const manifest = () => readManifest(resolve(FIXTURES, 'manifest.json'));

describe('stub fidelity: an exposition against a manifest (fixtures/fidelity)', () => {
  it('passes the conforming exposition', async () => {
    const result = judgeStubFidelity('onyx-core', await manifest(), exposition('conforming.prom'));
    expect(result.details).toEqual([]);
    expect(result.result).toBe('PASS');
    expect(result.figure).toBe('4/4 families of Example service v1.0.0 as released, 0 extra, 1 left out on purpose');
  });

  it('fails the broken exposition, naming the missing, extra and mismatched families', async () => {
    const result = judgeStubFidelity('onyx-core', await manifest(), exposition('broken.prom'));
    expect(result.result).toBe('FAIL');
    expect(result.details).toEqual([
      'mismatched http_requests_total: type gauge, Example service v1.0.0 says counter',
      'mismatched http_request_duration_seconds: added label status_code',
      'mismatched http_request_duration_seconds: buckets 0.1, 0.25, 1, Example service v1.0.0 says 0.1, 0.5, 1',
      'missing process_open_fds: Example service v1.0.0 exposes it, the stub does not',
      'missing jobs_waiting: declared but no samples after the workload, so its labels cannot be compared',
      'extra nodejs_heap_size_total_bytes: Example service v1.0.0 does not expose it',
    ]);
    expect(result.figure).toBe('0/4 families of Example service v1.0.0 as released, 1 extra, 1 left out on purpose');
  });

  it('accepts a family without samples only where the manifest says the release may write it so', async () => {
    const base = await manifest();
    const lenient = { ...base, families: base.families.map((f) => (f.name === 'jobs_waiting' ? { ...f, mayHaveNoSamples: true } : f)) };
    const details = judgeStubFidelity('onyx-core', lenient, exposition('broken.prom')).details;
    expect(details.some((d) => d.startsWith('missing jobs_waiting'))).toBe(false);
    expect(details.some((d) => d.startsWith('missing process_open_fds'))).toBe(true);
  });

  it('fails a family the manifest lists as left out, naming it and the reason', async () => {
    const result = judgeStubFidelity('onyx-core', await manifest(), exposition('leaks-left-out.prom'));
    expect(result.result).toBe('FAIL');
    expect(result.details).toEqual([
      'extra cluster_peers: the manifest lists it as left out (needs cluster mode, which the stack does not run) but the stub exposes it',
    ]);
  });

  it('reports a stub without a manifest as NOT VERIFIED, naming the file it lacks', () => {
    const result = noManifestResult('qdrant');
    expect(result.result).toBe('NOT VERIFIED');
    expect(result.method).toContain('stack/stubs/manifests/qdrant.json');
  });
});

describe('fidelity manifests', () => {
  it('a malformed manifest is one line naming the file and the field', async () => {
    const file = resolve(FIXTURES, 'malformed-manifest.json');
    await expect(readManifest(file)).rejects.toThrow(MalformedManifestError);
    await expect(readManifest(file)).rejects.toThrow(/malformed-manifest\.json: field families\.1\.type: /);
  });

  it('a missing file, bad JSON, a duplicate family and buckets on a gauge are named', async () => {
    await expect(readManifest(resolve(FIXTURES, 'absent.json'))).rejects.toThrow(/absent\.json: cannot read: ENOENT/);
    await expect(readManifest(resolve(FIXTURES, 'broken.prom'))).rejects.toThrow(/broken\.prom: not JSON/);
    const good = JSON.parse(readFileSync(resolve(FIXTURES, 'manifest.json'), 'utf8'));
    expect(() => parseManifest({ ...good, families: [...good.families, good.families[0]] }, 'dup.json')).toThrow(
      'dup.json: field families.4.name: http_requests_total is listed twice',
    );
    const gaugeWithBuckets = { ...good, families: [{ name: 'g', type: 'gauge', labels: [], buckets: [1] }] };
    expect(() => parseManifest(gaugeWithBuckets, 'g.json')).toThrow('g.json: field families.0.buckets: g is a gauge, only a histogram has buckets');
  });

  it('a stub without a manifest file has none; one filed under another stub name is refused', async () => {
    const dir = tempDir('manifests-');
    await expect(loadManifest('suna', dir)).resolves.toBeNull();
    copyFileSync(resolve(FIXTURES, 'manifest.json'), join(dir, 'suna.json'));
    await expect(loadManifest('suna', dir)).rejects.toThrow(/suna\.json: field stub: says onyx-core, the file is named for suna/);
  });

  it('every committed manifest in stack/stubs/manifests is valid', async () => {
    const all = await loadAllManifests();
    for (const { stub, manifest: m } of all) if (m) expect(m.stub).toBe(stub);
  });
});
