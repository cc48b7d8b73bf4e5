import { execFile } from 'node:child_process';

export const ENGINE_HINT =
  'run `bash stack/engine/bootstrap-docker.sh` as root (installs and starts the engine), ' +
  'or start your own engine; set ONYX_SKIP_STACK=1 to run only the unit tests';

/** `docker` is missing or its engine does not answer: one line saying what to do. */
export class DockerEngineError extends Error {
  override name = 'DockerEngineError';
}

const ENGINE_DOWN = /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|permission denied while trying to connect/i;

/** Whether docker's output says that no engine answers. */
export function engineDown(output: string): boolean {
  return ENGINE_DOWN.test(output);
}

export const engineDownError = () => new DockerEngineError(`the Docker engine does not answer: ${ENGINE_HINT}`);
export const cliMissingError = (command = 'the docker CLI') => new DockerEngineError(`${command} is not installed: ${ENGINE_HINT}`);

export interface DockerResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI and returns its exit code and output; throws only when no engine answers. */
export function dockerResult(args: string[], timeoutMs = 60_000): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      const e = error as { code?: number | string; killed?: boolean };
      if (e.code === 'ENOENT') return reject(cliMissingError());
      if (engineDown(stderr)) return reject(engineDownError());
      if (e.killed) return reject(new Error(`docker ${args.slice(0, 2).join(' ')} timed out after ${timeoutMs / 1000} s`));
      resolve({ code: typeof e.code === 'number' ? e.code : 1, stdout, stderr });
    });
  });
}

/** Runs the docker CLI and returns its stdout; throws with docker's own message on failure. */
export async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  const result = await dockerResult(args, timeoutMs);
  if (result.code !== 0) {
    throw new Error(`docker ${args.slice(0, 2).join(' ')} failed: ${result.stderr.trim().split('\n').pop() || `exit ${result.code}`}`);
  }
  return result.stdout;
}

export function lines(output: string): string[] {
  return output.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}
