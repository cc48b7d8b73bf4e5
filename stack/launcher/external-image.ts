import { docker } from '../engine/docker-cli.ts';

// An official image used as it is (Grafana's), started only when the engine already holds it. The
// harness never pulls: its traffic stays on 127.0.0.1 and the stack's network, and no registry is
// reachable on our machines anyway. Getting the image there is the operator's step, named in the reason.

export type ExternalImage = { ref: string; available: true } | { ref: string; available: false; reason: string };

type DockerCli = (args: string[], timeoutMs: number) => Promise<unknown>;

export async function findExternalImage(ref: string, cli: DockerCli = docker): Promise<ExternalImage> {
  const present = await cli(['image', 'inspect', '--format', '{{.Id}}', ref], 10_000).then(() => true, () => false);
  if (present) return { ref, available: true };
  return {
    ref,
    available: false,
    reason: `image ${ref} is not in the engine (the harness never pulls; \`docker pull ${ref}\` or \`docker load\` it where a registry or a saved copy is at hand)`,
  };
}
