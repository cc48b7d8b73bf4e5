import { docker, DockerEngineError } from './docker-cli.ts';

/** Fails fast, in one line, when no engine answers; returns the engine's version and CPU count. */
export async function checkEngine(): Promise<{ version: string; cpus: number; memoryBytes: number }> {
  try {
    const out = await docker(['info', '--format', '{{.ServerVersion}} {{.NCPU}} {{.MemTotal}}'], 10_000);
    const [version = '?', cpus = '1', mem = '0'] = out.trim().split(' ');
    return { version, cpus: Number(cpus), memoryBytes: Number(mem) };
  } catch (error) {
    if (error instanceof DockerEngineError) throw error;
    throw new DockerEngineError(`no Docker engine answers (${(error as Error).message})`);
  }
}
