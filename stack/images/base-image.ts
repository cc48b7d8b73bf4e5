import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { imageId } from './local-images.ts';
import { failure, runStreamed, say, timeoutFromEnv, type Progress } from './streamed-run.ts';

// Every image is built on a Debian bookworm base made with debootstrap (no registry is reachable).

export const IMAGES_DIR = join(REPO_ROOT, 'stack', 'images');
export const BASE_IMAGE_SCRIPT = join(IMAGES_DIR, 'base', 'make-base-image.sh');
/** The base image's tag names the hash of the script that makes it: a changed script makes a new base. */
export const BASE_IMAGE = `onyx-base:bookworm-${createHash('sha256').update(readFileSync(BASE_IMAGE_SCRIPT)).digest('hex').slice(0, 12)}`;

export interface BuildTimingOptions {
  onProgress?: Progress;
  /** Seconds between heartbeat lines while a build runs (default 10). */
  heartbeatSeconds?: number;
  /** A build that takes longer fails (default 1200 s, or $ONYX_IMAGE_BUILD_TIMEOUT_S). */
  timeoutSeconds?: number;
}

let baseInFlight: Promise<string> | undefined;

/** Makes sure the base image (BASE_IMAGE) exists (running make-base-image.sh when it does not); returns its id. */
export function ensureBaseImage(options: BuildTimingOptions = {}): Promise<string> {
  baseInFlight ??= makeBaseImage(options).finally(() => (baseInFlight = undefined));
  return baseInFlight;
}

async function makeBaseImage(options: BuildTimingOptions): Promise<string> {
  const progress = options.onProgress ?? ((line: string) => console.log(line));
  const existing = await imageId(BASE_IMAGE);
  if (existing) return existing;
  say(progress, `base image ${BASE_IMAGE} missing: making it with ${relative(REPO_ROOT, BASE_IMAGE_SCRIPT)} (debootstrap, about a minute)...`);
  const began = Date.now();
  const run = await runStreamed('bash', [BASE_IMAGE_SCRIPT, BASE_IMAGE], {
    heartbeatSeconds: options.heartbeatSeconds ?? 10,
    timeoutSeconds: options.timeoutSeconds ?? timeoutFromEnv(),
    onLine: (line) => progress(line),
    heartbeat: (elapsed) => say(progress, `  ${BASE_IMAGE}: ${Math.round(elapsed)} s...`),
  });
  const id = run.code === 0 ? await imageId(BASE_IMAGE) : undefined;
  if (!id) {
    const why = run.timedOut ? 'timed out' : `failed (exit ${run.code})`;
    throw failure(progress, BASE_IMAGE, `making the base image ${BASE_IMAGE} ${why}; run ${relative(REPO_ROOT, BASE_IMAGE_SCRIPT)} ${BASE_IMAGE} to see why`, run);
  }
  say(progress, `base image ${BASE_IMAGE} made in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return id;
}
