import { docker } from '../engine/docker-cli.ts';

// An official image used as it is (Grafana's): present in the engine, or pulled. No registry is
// reachable on our machines, so the answer may be "no", with docker's own reason.

export type ExternalImage = { ref: string; available: true } | { ref: string; available: false; reason: string };

const PULL_TIMEOUT_MS = 60_000;

export async function findExternalImage(ref: string, onProgress: (line: string) => void): Promise<ExternalImage> {
  const present = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], 10_000).then(() => true, () => false);
  if (present) return { ref, available: true };
  onProgress(`image ${ref} is not in the engine: trying to pull it...`);
  try {
    await docker(['pull', '--quiet', ref], PULL_TIMEOUT_MS);
    return { ref, available: true };
  } catch (error) {
    return { ref, available: false, reason: `image ${ref} is not in the engine and cannot be pulled (${(error as Error).message})` };
  }
}
