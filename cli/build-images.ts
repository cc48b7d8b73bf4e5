import { docker, DockerEngineError } from '../stack/engine/docker-cli.ts';
import { ensureAllImages, type ImageResult } from '../stack/images/build.ts';
import { ImageError } from '../stack/images/errors.ts';
import { removeOtherTags } from '../stack/images/local-images.ts';
import { IMAGE_NAMES, type ImageName } from '../stack/model/image-names.ts';
import { IMAGE_REPOSITORY_PREFIX } from '../stack/images/recipe.ts';
import { DEPLOY_TAG } from '../stack/render/compose-file.ts';

// `npm run images:build [-- [--prune] [--deploy-tag] [image...]]`: builds every image of the stack
// (or the named ones), printing progress and a summary table. --prune removes the older tags of
// those images; --deploy-tag also tags each as `:deploy`, the tag the VPS's Compose file runs.

function usage(): never {
  console.error(`usage: npm run images:build -- [--prune] [--deploy-tag] [${IMAGE_NAMES.join('|')} ...]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const prune = args.includes('--prune');
const deployTag = args.includes('--deploy-tag');
const names = args.filter((a) => a !== '--prune' && a !== '--deploy-tag');
for (const name of names) if (!(IMAGE_NAMES as readonly string[]).includes(name)) usage();
const selected = (names.length > 0 ? names : IMAGE_NAMES) as readonly ImageName[];

function table(results: ImageResult[]): string {
  const rows = [['image', 'tag', 'result', 'seconds'], ...results.map((r) => [r.name, r.tag, r.cached ? 'cached' : 'built', r.seconds.toFixed(1)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

try {
  const began = Date.now();
  const results = await ensureAllImages({}, selected);
  console.log(`\n${table(results)}\n`);
  const built = results.filter((r) => !r.cached).length;
  console.log(`[images] ${results.length} images ready (${built} built, ${results.length - built} cached) in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  if (prune) {
    for (const r of results) {
      const removed = await removeOtherTags(r.name, r.tag);
      if (removed.length > 0) console.log(`[images] removed ${removed.join(', ')}`);
    }
  }
  // After --prune, which would untag it.
  if (deployTag) {
    for (const r of results) {
      const target = `${IMAGE_REPOSITORY_PREFIX}/${r.name}:${DEPLOY_TAG}`;
      await docker(['tag', r.tag, target]);
      console.log(`[images] tagged ${r.tag} as ${target}`);
    }
  }
} catch (error) {
  if (error instanceof ImageError || error instanceof DockerEngineError) {
    console.error(`[images] FAILED: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
