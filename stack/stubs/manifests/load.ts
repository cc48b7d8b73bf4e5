// Reads the fidelity manifests (stack/stubs/manifests/<stub>.json) and validates them against the
// schema; a malformed one is one line naming the file and the first bad field.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseData, parseJsonText, readDataText } from '../../data-file.ts';
import { stubManifestSchema, type StubManifest } from './schema.ts';

export const MANIFEST_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every stub a manifest may describe, in the order verify reports them. */
export const MANIFEST_STUBS = stubManifestSchema.shape.stub.options;
export type ManifestStub = (typeof MANIFEST_STUBS)[number];

export class MalformedManifestError extends Error {}

export function parseManifest(value: unknown, file: string): StubManifest {
  const manifest = parseData(stubManifestSchema, value, file, MalformedManifestError);
  const seen = new Set<string>();
  for (const [i, family] of manifest.families.entries()) {
    if (seen.has(family.name)) throw new MalformedManifestError(`${file}: field families.${i}.name: ${family.name} is listed twice`);
    seen.add(family.name);
    if (family.buckets && family.type !== 'histogram') {
      throw new MalformedManifestError(`${file}: field families.${i}.buckets: ${family.name} is a ${family.type}, only a histogram has buckets`);
    }
  }
  for (const [i, left] of manifest.leftOut.entries()) {
    if (seen.has(left.name)) throw new MalformedManifestError(`${file}: field leftOut.${i}.name: ${left.name} is also listed in families`);
  }
  return manifest;
}

function readError(file: string, error: unknown): MalformedManifestError {
  return new MalformedManifestError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

function parseManifestText(text: string, file: string): StubManifest {
  return parseManifest(parseJsonText(text, file, MalformedManifestError), file);
}

/** The manifest in `file`; a missing file, bad JSON or bad field throws MalformedManifestError. */
export async function readManifest(file: string): Promise<StubManifest> {
  return parseManifestText(await readDataText(file, MalformedManifestError), file);
}

export const manifestFile = (stub: ManifestStub, dir = MANIFEST_DIR): string => `${dir.replace(/\/$/, '')}/${stub}.json`;

/** The stub's manifest, or null when it has none yet (no file); a malformed one throws. */
export async function loadManifest(stub: ManifestStub, dir = MANIFEST_DIR): Promise<StubManifest | null> {
  const file = manifestFile(stub, dir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readError(file, error);
  }
  const manifest = parseManifestText(text, file);
  if (manifest.stub !== stub) throw new MalformedManifestError(`${file}: field stub: says ${manifest.stub}, the file is named for ${stub}`);
  return manifest;
}

/** Every stub's manifest (null where there is none yet), in MANIFEST_STUBS order. */
export async function loadAllManifests(dir = MANIFEST_DIR): Promise<{ stub: ManifestStub; manifest: StubManifest | null }[]> {
  return Promise.all(MANIFEST_STUBS.map(async (stub) => ({ stub, manifest: await loadManifest(stub, dir) })));
}
