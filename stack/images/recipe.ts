import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// An image's tag is the hash of its recipe: the files of its build context (the Dockerfile
// included; for `stub`, the esbuild bundle of the stubs) and the id of the base image. A tag that
// exists is used as it is: an unchanged recipe is never rebuilt. Pure, unit-tested without Docker.

export const IMAGE_REPOSITORY_PREFIX = 'onyx-monitoring';
export const RECIPE_HASH_LABEL = 'org.onyx.monitoring.recipe-hash';
export const IMAGE_NAME_LABEL = 'org.onyx.monitoring.image';
/** Bump to rebuild every image when the way images are built changes (not their recipes). */
const RECIPE_FORMAT = 'onyx-monitoring-images/1';

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
