import { docker } from './docker-cli.ts';

export class EngineUnavailableError extends Error {}

export const ENGINE_HINT =
  'no Docker engine answers: run `bash stack/engine/bootstrap-docker.sh` as root (installs and starts it), ' +
  'or start your own engine; set ONYX_SKIP_STACK=1 to run only the unit tests';

/** Fails fast, in one line, when no engine answers; returns the engine's version and CPU count. */
export async function checkEngine(): Promise<{ version: string; cpus: number; memoryBytes: number }> {
  try {
    const out = await docker(['info', '--format', '{{.ServerVersion}} {{.NCPU}} {{.MemTotal}}'], 10_000);
    const [version = '?', cpus = '1', mem = '0'] = out.trim().split(' ');
    return { version, cpus: Number(cpus), memoryBytes: Number(mem) };
  } catch (error) {
    throw new EngineUnavailableError(`${ENGINE_HINT} (${(error as Error).message})`);
  }
}
