import { dockerResult } from '../engine/docker-cli.ts';
import type { ImageName } from '../model/image-names.ts';
import { IMAGE_REPOSITORY_PREFIX } from './recipe.ts';

// The images present in the engine, through the docker CLI.

/** The image id of ref, or undefined when there is no such image. */
export async function imageId(ref: string): Promise<string | undefined> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{.Id}}', ref]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function imageSizeMB(ref: string): Promise<number | undefined> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{.Size}}', ref]);
  const bytes = Number(result.stdout.trim());
  return result.code === 0 && Number.isFinite(bytes) ? Math.round(bytes / 1e6) : undefined;
}

/** Tags of onyx-monitoring/<name> present in the engine. */
export async function existingTags(name: string): Promise<string[]> {
  const result = await dockerResult(['image', 'ls', `${IMAGE_REPOSITORY_PREFIX}/${name}`, '--format', '{{.Repository}}:{{.Tag}}']);
  return result.code === 0 ? result.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.endsWith(':<none>')) : [];
}

/** Removes the tags of onyx-monitoring/<name> other than keep (images a container uses stay). */
export async function removeOtherTags(name: ImageName, keep: string): Promise<string[]> {
  const removed: string[] = [];
  for (const tag of await existingTags(name)) {
    if (tag === keep) continue;
    const result = await dockerResult(['image', 'rm', tag]);
    if (result.code === 0) removed.push(tag);
  }
  return removed;
}
