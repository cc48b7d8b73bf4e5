import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_IMAGE, IMAGES_DIR } from '../../../stack/images/base-image.ts';
import { ImageBuildError } from '../../../stack/images/errors.ts';
import { IMAGE_NAMES } from '../../../stack/model/image-names.ts';
import { imageTag, readContextFiles, recipeHash } from '../../../stack/images/recipe.ts';
import { describeStep } from '../../../stack/images/streamed-run.ts';
import { bundleStub, STUB_BUNDLE_FILE } from '../../../stack/images/stub-bundle.ts';
import { STUB_BUNDLE_OPTIONS } from '../../../stack/stubs/bundle.ts';

// No Docker here: the recipe hash, the image recipes as files, and the stub bundle (esbuild, run
// with the host's node).

const BASE_ID = 'sha256:' + 'a'.repeat(64);

describe('recipeHash', () => {
  const files = [
    { path: 'Dockerfile', executable: false, content: 'FROM x\n' },
    { path: 'entrypoint.sh', executable: true, content: '#!/bin/sh\n' },
  ];

  it('is a sha256 hex digest, deterministic and independent of file order', () => {
    const hash = recipeHash(files, BASE_ID);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recipeHash(files, BASE_ID)).toBe(hash);
    expect(recipeHash([...files].reverse(), BASE_ID)).toBe(hash);
    expect(recipeHash(files.map((f) => ({ ...f, content: Buffer.from(f.content) })), BASE_ID)).toBe(hash);
  });

  it('changes with a file content, a file name, an execute bit, a new file or the base image', () => {
    const hash = recipeHash(files, BASE_ID);
    const variants = [
      recipeHash([files[0]!, { ...files[1]!, content: '#!/bin/bash\n' }], BASE_ID),
      recipeHash([files[0]!, { ...files[1]!, path: 'entry.sh' }], BASE_ID),
      recipeHash([files[0]!, { ...files[1]!, executable: false }], BASE_ID),
      recipeHash([...files, { path: 'extra', executable: false, content: '' }], BASE_ID),
      recipeHash(files, 'sha256:' + 'b'.repeat(64)),
    ];
    expect(new Set([hash, ...variants]).size).toBe(variants.length + 1);
  });

  it('does not mistake moved bytes between fields for the same recipe', () => {
    const a = recipeHash([{ path: 'ab', executable: false, content: 'c' }], BASE_ID);
    const b = recipeHash([{ path: 'a', executable: false, content: 'bc' }], BASE_ID);
    expect(a).not.toBe(b);
  });
});

describe('imageTag', () => {
  it('is onyx-monitoring/<name>:<first 12 hex of the hash>', () => {
    expect(imageTag('prometheus', 'f'.repeat(12) + '0'.repeat(52))).toBe('onyx-monitoring/prometheus:ffffffffffff');
  });
});

describe('readContextFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onyx-context-test-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM base\n');
    await writeFile(join(dir, 'sub', 'run.sh'), 'echo hi\n');
    await chmod(join(dir, 'sub', 'run.sh'), 0o755);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists every file recursively with / paths and the execute bit', async () => {
    const files = await readContextFiles(dir);
    expect(files.map((f) => [f.path, f.executable]).sort()).toEqual([
      ['Dockerfile', false],
      ['sub/run.sh', true],
    ]);
  });

  it('gives a new hash when a context file changes, and the old one when it changes back', async () => {
    const before = recipeHash(await readContextFiles(dir), BASE_ID);
    expect(recipeHash(await readContextFiles(dir), BASE_ID)).toBe(before);
    await writeFile(join(dir, 'sub', 'run.sh'), 'echo changed\n');
    const changed = recipeHash(await readContextFiles(dir), BASE_ID);
    expect(changed).not.toBe(before);
    await writeFile(join(dir, 'sub', 'run.sh'), 'echo hi\n');
    expect(recipeHash(await readContextFiles(dir), BASE_ID)).toBe(before);
    await chmod(join(dir, 'sub', 'run.sh'), 0o644);
    expect(recipeHash(await readContextFiles(dir), BASE_ID)).not.toBe(before);
  });
});

describe('the image recipes', () => {
  it.each(IMAGE_NAMES)('%s: FROM the base image as a build ARG, lean apt install, non-root user', async (name) => {
    const dockerfile = await readFile(join(IMAGES_DIR, name, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE$/m);
    expect(BASE_IMAGE).toMatch(/^onyx-base:bookworm-[0-9a-f]{12}$/);
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\}$/m);
    expect(dockerfile).not.toMatch(/^FROM (?!\$\{BASE_IMAGE\})/m);
    expect(dockerfile).toMatch(/apt-get update \\\n && apt-get install -y --no-install-recommends /);
    expect(dockerfile).toContain('rm -rf /var/lib/apt/lists/*');
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('ship their helper scripts executable', async () => {
    const shared = await readContextFiles(join(IMAGES_DIR, 'shared'));
    const postgres = await readContextFiles(join(IMAGES_DIR, 'postgres'));
    expect(shared.find((f) => f.path === 'run-behind-auth-proxy')?.executable).toBe(true);
    expect(postgres.find((f) => f.path === 'docker-entrypoint.sh')?.executable).toBe(true);
  });
});

describe('describeStep', () => {
  it('shortens an apt-get line to the packages', () => {
    expect(describeStep('RUN apt-get update  && apt-get install -y --no-install-recommends redis-server nginx  && rm -rf /x')).toBe(
      'RUN apt-get install redis-server nginx',
    );
    expect(describeStep('COPY   a  /b')).toBe('COPY a /b');
  });
});

describe('the stub bundle', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onyx-bundle-test-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('bundles an ESM entry using prom-client into one file that runs under node', async () => {
    const entry = join(dir, 'main.ts');
    await writeFile(
      entry,
      "import { Registry, collectDefaultMetrics } from 'prom-client';\n" +
        'const r = new Registry(); collectDefaultMetrics({ register: r });\n' +
        "const text: string = await r.metrics(); console.log(text.includes('process_cpu_user_seconds_total') ? 'ok' : 'missing');\n",
    );
    const bundle = await bundleStub(entry);
    expect(bundle.toString('utf8').startsWith(STUB_BUNDLE_OPTIONS.banner.js)).toBe(true);
    expect(Buffer.compare(await bundleStub(entry), bundle)).toBe(0);
    const out = join(dir, STUB_BUNDLE_FILE);
    await writeFile(out, bundle);
    const { stdout } = await promisify(execFile)(process.execPath, [out], { cwd: dir });
    expect(stdout.trim()).toBe('ok');
  });

  it('fails with a typed error naming a missing entry', async () => {
    await expect(bundleStub(join(dir, 'nope.ts'))).rejects.toBeInstanceOf(ImageBuildError);
  });
});
