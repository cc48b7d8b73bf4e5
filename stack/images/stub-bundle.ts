import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { STUB_BUNDLE_OPTIONS, STUB_ENTRY } from '../stubs/bundle.ts';
import { ImageBuildError } from './errors.ts';

export const DEFAULT_STUB_ENTRY = join(REPO_ROOT, STUB_ENTRY);

/** The stub bundle: esbuild options are the stubs' own (stack/stubs/bundle.ts); the file name is the image's. */
export const STUB_BUNDLE_FILE = 'stub.mjs';

/** The Node binary the stubs run on, copied into the stub image's build context under this name. */
export const STUB_NODE_FILE = 'node';

/**
 * The stubs run on the Node that runs this harness (20, package.json's engines), not Debian
 * bookworm's nodejs 18.20: measured on this VM (litellm stub, cap 0.2 CPU, a request every 15 s,
 * 21 each, side by side), a cold scrape cost 3.3 ms of CPU at the median on Node 20.20 against 6.1 on
 * Debian's 18.20 (README, "The stubs' runtime"). The binary is part of the image's recipe hash.
 */
export function stubNodeBinary(): string {
  return process.execPath;
}

/** Bundles the stubs with esbuild (in memory); the bytes are part of the stub image's recipe. */
export async function bundleStub(entry: string): Promise<Buffer> {
  const { build } = await import('esbuild');
  try {
    await stat(entry);
  } catch {
    throw new ImageBuildError('stub', `the stub entry ${relative(REPO_ROOT, entry) || entry} does not exist (${STUB_ENTRY}, or set ONYX_STUB_ENTRY)`);
  }
  try {
    const result = await build({
      ...STUB_BUNDLE_OPTIONS,
      entryPoints: [entry],
      absWorkingDir: REPO_ROOT,
      nodePaths: [join(REPO_ROOT, 'node_modules')],
      legalComments: 'none',
      logLevel: 'silent',
      write: false,
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no output');
    return Buffer.from(output.contents);
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const tail = errors.slice(0, 10).map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text));
    const first = tail[0] ?? (error as Error).message;
    throw new ImageBuildError('stub', `bundling the stubs with esbuild failed: ${first}`, tail);
  }
}
