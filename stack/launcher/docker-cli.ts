import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs the docker CLI and returns its stdout; throws with docker's own message on failure. */
export async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  try {
    const { stdout } = await execFileAsync('docker', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    if (e.code === 'ENOENT') throw new Error('the docker CLI is not installed: run `bash stack/engine/bootstrap-docker.sh`');
    throw new Error(`docker ${args.slice(0, 2).join(' ')} failed: ${(e.stderr ?? e.message).trim().split('\n').pop()}`);
  }
}

export function lines(output: string): string[] {
  return output.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}
