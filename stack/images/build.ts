import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../paths.ts';
import { STUB_BUNDLE_OPTIONS } from '../stubs/bundle.ts';
import { IMAGE_NAMES, SHARED_CONTEXT_FILES, type ImageName } from './names.ts';

// The cached image builder. Every image of the stack is built locally from a Dockerfile under
// stack/images/<name>/ on the Debian bookworm base (no registry is reachable). An image's tag is
// the hash of its recipe: the files of its build context (the Dockerfile included; for `stub`,
// the esbuild bundle of the stubs) and the id of the base image. A tag that exists is used as it
// is: an unchanged recipe is never rebuilt.

export { IMAGE_NAMES, type ImageName };

export const IMAGE_REPOSITORY_PREFIX = 'onyx-monitoring';
export const RECIPE_HASH_LABEL = 'org.onyx.monitoring.recipe-hash';
export const IMAGE_NAME_LABEL = 'org.onyx.monitoring.image';
/** Bump to rebuild every image when the way images are built changes (not their recipes). */
const RECIPE_FORMAT = 'onyx-monitoring-images/1';

export const IMAGES_DIR = join(REPO_ROOT, 'stack', 'images');
export const BASE_IMAGE_SCRIPT = join(IMAGES_DIR, 'base', 'make-base-image.sh');
/** The base image's tag names the hash of the script that makes it: a changed script makes a new base. */
export const BASE_IMAGE = `onyx-base:bookworm-${createHash('sha256').update(readFileSync(BASE_IMAGE_SCRIPT)).digest('hex').slice(0, 12)}`;
export const DEFAULT_STUB_ENTRY = join(REPO_ROOT, 'stack', 'stubs', 'main.ts');

/** The stub bundle: esbuild options are the stubs' own (stack/stubs/bundle.ts); the file name is the image's. */
export const STUB_BUNDLE_FILE = 'stub.mjs';

export type Progress = (line: string) => void;

export interface EnsureImageOptions {
  /** Receives progress lines (default: printed on stdout). */
  onProgress?: Progress;
  /** Entry of the stub bundle (default stack/stubs/main.ts, or $ONYX_STUB_ENTRY). */
  stubEntry?: string;
  /** Seconds between heartbeat lines while a build runs (default 10). */
  heartbeatSeconds?: number;
  /** A build that takes longer fails (default 1200 s, or $ONYX_IMAGE_BUILD_TIMEOUT_S). */
  timeoutSeconds?: number;
}

export interface ImageResult {
  name: ImageName;
  tag: string;
  recipeHash: string;
  cached: boolean;
  seconds: number;
}

/** Any failure of this module: the message is one line meant for the user. */
export class ImageError extends Error {
  override name = 'ImageError';
}

/** `docker` is missing or its engine does not answer. */
export class DockerEngineError extends ImageError {
  override name = 'DockerEngineError';
}

/** A build (or the base image, or the stub bundle) failed; `tail` holds the last lines of its output. */
export class ImageBuildError extends ImageError {
  override name = 'ImageBuildError';
  constructor(
    readonly image: string,
    message: string,
    readonly tail: string[] = [],
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}

const defaultProgress: Progress = (line) => console.log(line);
const say = (progress: Progress, line: string) => progress(`[images] ${line}`);

// ---------------------------------------------------------------------------------------------
// The recipe hash (pure, unit-tested without Docker).

export interface ContextFile {
  /** Path relative to the context root, with `/` separators. */
  path: string;
  /** Whether any execute bit is set (COPY keeps the mode, so it changes the image). */
  executable: boolean;
  content: Buffer | string;
}

/** sha256 (hex) over the base image id and every context file, independent of the files' order. */
export function recipeHash(files: readonly ContextFile[], baseImageId: string): string {
  const hash = createHash('sha256');
  const field = (value: string | Buffer) => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  };
  field(RECIPE_FORMAT);
  field(baseImageId);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    field(file.path);
    field(file.executable ? 'x' : '-');
    field(file.content);
  }
  return hash.digest('hex');
}

/** The tag of an image built from a recipe: `onyx-monitoring/<name>:<first 12 hex>`. */
export function imageTag(name: string, hash: string): string {
  return `${IMAGE_REPOSITORY_PREFIX}/${name}:${hash.slice(0, 12)}`;
}

/** Every regular file under dir (recursively), as hash input. */
export async function readContextFiles(dir: string): Promise<ContextFile[]> {
  const files: ContextFile[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const info = await stat(full);
        files.push({
          path: relative(dir, full).split(sep).join('/'),
          executable: (info.mode & 0o111) !== 0,
          content: await readFile(full),
        });
      }
    }
  };
  await walk(dir);
  return files;
}

// ---------------------------------------------------------------------------------------------
// docker CLI helpers.

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDocker(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new DockerEngineError('the docker CLI is not installed: run stack/engine/bootstrap-docker.sh'));
      } else reject(error);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function engineDown(stderr: string): boolean {
  return /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|permission denied while trying to connect/i.test(stderr);
}

/** The image id of ref, or undefined when there is no such image. */
export async function imageId(ref: string): Promise<string | undefined> {
  const result = await runDocker(['image', 'inspect', '--format', '{{.Id}}', ref]);
  if (result.code === 0) return result.stdout.trim();
  if (engineDown(result.stderr)) {
    throw new DockerEngineError('the Docker engine does not answer: run stack/engine/bootstrap-docker.sh');
  }
  return undefined;
}

async function imageSizeMB(ref: string): Promise<number | undefined> {
  const result = await runDocker(['image', 'inspect', '--format', '{{.Size}}', ref]);
  const bytes = Number(result.stdout.trim());
  return result.code === 0 && Number.isFinite(bytes) ? Math.round(bytes / 1e6) : undefined;
}

/** Tags of onyx-monitoring/<name> present in the engine. */
export async function existingTags(name: string): Promise<string[]> {
  const result = await runDocker(['image', 'ls', `${IMAGE_REPOSITORY_PREFIX}/${name}`, '--format', '{{.Repository}}:{{.Tag}}']);
  return result.code === 0 ? result.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.endsWith(':<none>')) : [];
}

// Lines of the legacy builder's deprecation notice: noise in progress and in failure tails.
const NOISE = [/^DEPRECATED: The legacy builder is deprecated/, /^\s*BuildKit is currently disabled/, /^\s*environment-variable\.\s*$/, /^\s*$/];

interface StreamedRun {
  code: number | null;
  timedOut: boolean;
  tail: string[];
  step?: string;
}

/**
 * Runs a command, streaming its merged output line by line: tracks the current Dockerfile step
 * (legacy builder `Step 3/7 : RUN ...`, BuildKit `#6 [2/4] RUN ...`), keeps the last lines, and
 * prints a heartbeat with the elapsed seconds every heartbeatSeconds.
 */
function runStreamed(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; heartbeatSeconds: number; timeoutSeconds: number; onLine?: (line: string) => void; heartbeat: (elapsed: number, step: string | undefined, last: string | undefined) => void },
): Promise<StreamedRun> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    const tail: string[] = [];
    let step: string | undefined;
    let last: string | undefined;
    let timedOut = false;
    const onLine = (raw: string) => {
      // eslint-disable-next-line no-control-regex
      const line = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '').trimEnd();
      if (NOISE.some((re) => re.test(line))) return;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const legacy = /^Step (\d+\/\d+) : (.*)$/.exec(line);
      const buildkit = /^#\d+ \[(?:[^\]]*? )?(\d+\/\d+)\] (.*)$/.exec(line);
      if (legacy) step = `step ${legacy[1]} ${describeStep(legacy[2]!)}`;
      else if (buildkit) step = `step ${buildkit[1]} ${describeStep(buildkit[2]!)}`;
      else if (!/^ ---> |^Removing intermediate container|^#\d+ (DONE|CACHED)/.test(line)) last = line;
      options.onLine?.(line);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    const beat = setInterval(() => options.heartbeat((Date.now() - began) / 1000, step, last), options.heartbeatSeconds * 1000);
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutSeconds * 1000);
    const done = () => {
      clearInterval(beat);
      clearTimeout(deadline);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      if (error.code === 'ENOENT') reject(new DockerEngineError(`${command} is not installed: run stack/engine/bootstrap-docker.sh`));
      else reject(error);
    });
    child.on('close', (code) => {
      done();
      resolve({ code, timedOut, tail, step });
    });
  });
}

/** A Dockerfile instruction in a few words: `RUN apt-get install prometheus` for the long apt lines. */
export function describeStep(instruction: string): string {
  const text = instruction.replace(/\s+/g, ' ').trim();
  const apt = /apt-get install((?: [^&;|]+)+)/.exec(text);
  if (apt) {
    const packages = apt[1]!.trim().split(' ').filter((word) => !word.startsWith('-'));
    return `RUN apt-get install ${packages.join(' ')}`;
  }
  return text;
}

const clip = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// ---------------------------------------------------------------------------------------------
// The base image.

let baseInFlight: Promise<string> | undefined;

/** Makes sure the base image (BASE_IMAGE) exists (running make-base-image.sh when it does not); returns its id. */
export function ensureBaseImage(options: EnsureImageOptions = {}): Promise<string> {
  baseInFlight ??= makeBaseImage(options).finally(() => (baseInFlight = undefined));
  return baseInFlight;
}

async function makeBaseImage(options: EnsureImageOptions): Promise<string> {
  const progress = options.onProgress ?? defaultProgress;
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

function failure(progress: Progress, image: string, headline: string, run: StreamedRun): ImageBuildError {
  const tail = run.tail.filter((line) => !/^ ---> |^Removing intermediate container /.test(line)).slice(-15);
  say(progress, `${headline}${tail.length > 0 ? '; last lines of its output:' : ''}`);
  for (const line of tail) progress(`    ${clip(line, 200)}`);
  return new ImageBuildError(image, headline, tail, run.code);
}

function timeoutFromEnv(): number {
  const value = Number(process.env.ONYX_IMAGE_BUILD_TIMEOUT_S);
  return Number.isFinite(value) && value > 0 ? value : 1200;
}

// ---------------------------------------------------------------------------------------------
// The stub bundle.

/** Bundles the stubs with esbuild (in memory); the bytes are part of the stub image's recipe. */
export async function bundleStub(entry: string): Promise<Buffer> {
  const { build } = await import('esbuild');
  try {
    await stat(entry);
  } catch {
    throw new ImageBuildError('stub', `the stub entry ${relative(REPO_ROOT, entry) || entry} does not exist (stack/stubs/main.ts, or set ONYX_STUB_ENTRY)`);
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

// ---------------------------------------------------------------------------------------------
// Images.

/** The build context of an image: its folder, or a temporary copy with its shared files (and for `stub` the bundle). */
async function prepareContext(name: ImageName, options: EnsureImageOptions): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const source = join(IMAGES_DIR, name);
  const shared = SHARED_CONTEXT_FILES[name] ?? [];
  if (name !== 'stub' && shared.length === 0) return { dir: source, cleanup: async () => {} };
  const bundle = name === 'stub' ? await bundleStub(options.stubEntry ?? process.env.ONYX_STUB_ENTRY ?? DEFAULT_STUB_ENTRY) : undefined;
  const dir = await mkdtemp(join(tmpdir(), `onyx-${name}-context-`));
  for (const file of await readdir(source)) await copyFile(join(source, file), join(dir, file));
  for (const file of shared) await copyFile(join(IMAGES_DIR, 'shared', file), join(dir, file));
  if (bundle) await writeFile(join(dir, STUB_BUNDLE_FILE), bundle);
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
      if (engineDown(run.tail.join('\n'))) {
        throw new DockerEngineError('the Docker engine does not answer: run stack/engine/bootstrap-docker.sh');
      }
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

/** Removes the tags of onyx-monitoring/<name> other than keep (images a container uses stay). */
export async function removeOtherTags(name: ImageName, keep: string): Promise<string[]> {
  const removed: string[] = [];
  for (const tag of await existingTags(name)) {
    if (tag === keep) continue;
    const result = await runDocker(['image', 'rm', tag]);
    if (result.code === 0) removed.push(tag);
  }
  return removed;
}
