import { chmod, copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineDown, engineDownError } from '../engine/docker-cli.ts';
import { BASE_IMAGE, ensureBaseImage, IMAGES_DIR, type BuildTimingOptions } from './base-image.ts';
import { ImageError } from './errors.ts';
import { existingTags, imageId, imageSizeMB } from './local-images.ts';
import { IMAGE_NAMES, type ImageName } from '../model/image-names.ts';
import { sharedContextFiles } from './shared-context.ts';
import { IMAGE_NAME_LABEL, IMAGE_REPOSITORY_PREFIX, imageTag, readContextFiles, RECIPE_HASH_LABEL, recipeHash } from './recipe.ts';
import { bundleStub, DEFAULT_STUB_ENTRY, STUB_BUNDLE_FILE, STUB_NODE_FILE, stubNodeBinary } from './stub-bundle.ts';
import { clip, failure, runStreamed, say, timeoutFromEnv } from './streamed-run.ts';

// The cached image builder. Every image of the stack is built locally from a Dockerfile under
// stack/images/<name>/ on the base image, tagged with the hash of its recipe (recipe.ts).

export interface EnsureImageOptions extends BuildTimingOptions {
  /** Entry of the stub bundle (default stack/stubs/main.ts, or $ONYX_STUB_ENTRY). */
  stubEntry?: string;
}

export interface ImageResult {
  name: ImageName;
  tag: string;
  recipeHash: string;
  cached: boolean;
  seconds: number;
}

const defaultProgress = (line: string) => console.log(line);

/** The build context of an image: its folder, or a temporary copy with its shared files (and for `stub` the bundle and the Node binary). */
async function prepareContext(name: ImageName, options: EnsureImageOptions): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const source = join(IMAGES_DIR, name);
  const shared = sharedContextFiles(name);
  if (name !== 'stub' && shared.length === 0) return { dir: source, cleanup: async () => {} };
  const bundle = name === 'stub' ? await bundleStub(options.stubEntry ?? process.env.ONYX_STUB_ENTRY ?? DEFAULT_STUB_ENTRY) : undefined;
  const dir = await mkdtemp(join(tmpdir(), `onyx-${name}-context-`));
  for (const file of await readdir(source)) await copyFile(join(source, file), join(dir, file));
  for (const file of shared) await copyFile(join(IMAGES_DIR, 'shared', file), join(dir, file));
  if (bundle) {
    await writeFile(join(dir, STUB_BUNDLE_FILE), bundle);
    await copyFile(stubNodeBinary(), join(dir, STUB_NODE_FILE));
    await chmod(join(dir, STUB_NODE_FILE), 0o755);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Makes sure the image exists (building it when its recipe changed); returns tag and what happened. */
export async function ensureImageResult(name: ImageName, options: EnsureImageOptions = {}): Promise<ImageResult> {
  if (!(IMAGE_NAMES as readonly string[]).includes(name)) throw new ImageError(`unknown image ${name}; known: ${IMAGE_NAMES.join(', ')}`);
  const progress = options.onProgress ?? defaultProgress;
  const began = Date.now();
  const baseId = await ensureBaseImage(options);
  const context = await prepareContext(name, options);
  try {
    const hash = recipeHash(await readContextFiles(context.dir), baseId);
    const tag = imageTag(name, hash);
    if (await imageId(tag)) {
      say(progress, `${tag} cached`);
      return { name, tag, recipeHash: hash, cached: true, seconds: (Date.now() - began) / 1000 };
    }
    const repository = `${IMAGE_REPOSITORY_PREFIX}/${name}`;
    const earlier = await existingTags(name);
    say(progress, `building ${repository} (${earlier.length > 0 ? 'recipe changed' : 'first build'})...`);
    const buildBegan = Date.now();
    const args = [
      'build',
      '--build-arg', `BASE_IMAGE=${BASE_IMAGE}`,
      '--label', `${RECIPE_HASH_LABEL}=${hash}`,
      '--label', `${IMAGE_NAME_LABEL}=${name}`,
      '--force-rm',
      '--tag', tag,
      context.dir,
    ];
    // The legacy builder's plain `Step n/m` lines are what the heartbeat reads; BuildKit's are parsed too.
    const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0', BUILDKIT_PROGRESS: 'plain' };
    const run = await runStreamed('docker', args, {
      env,
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
      timeoutSeconds: options.timeoutSeconds ?? timeoutFromEnv(),
      heartbeat: (elapsed, step, last) =>
        say(progress, `  ${repository}: ${Math.round(elapsed)} s, ${step ? clip(step, 70) : 'sending context'}${last ? ` | ${clip(last, 60)}` : ''}`),
    });
    if (run.code !== 0 || run.timedOut) {
      if (engineDown(run.tail.join('\n'))) throw engineDownError();
      const why = run.timedOut ? `timed out after ${options.timeoutSeconds ?? timeoutFromEnv()} s` : `failed (exit ${run.code})`;
      throw failure(progress, repository, `build of ${repository} ${why}${run.step ? ` at ${clip(run.step, 80)}` : ''}`, run);
    }
    const seconds = (Date.now() - buildBegan) / 1000;
    const size = await imageSizeMB(tag);
    say(progress, `built ${tag} in ${seconds.toFixed(1)} s${size !== undefined ? ` (${size} MB)` : ''}`);
    return { name, tag, recipeHash: hash, cached: false, seconds: (Date.now() - began) / 1000 };
  } finally {
    await context.cleanup();
  }
}

/** Makes sure the image exists and returns the tag to run. */
export async function ensureImage(name: ImageName, options: EnsureImageOptions = {}): Promise<string> {
  return (await ensureImageResult(name, options)).tag;
}

/** Every image, one after the other (the machine has 2 cores; parallel apt installs only thrash). */
export async function ensureAllImages(options: EnsureImageOptions = {}, names: readonly ImageName[] = IMAGE_NAMES): Promise<ImageResult[]> {
  const results: ImageResult[] = [];
  for (const name of names) results.push(await ensureImageResult(name, options));
  return results;
}
