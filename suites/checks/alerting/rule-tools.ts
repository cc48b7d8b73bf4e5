import { execFile } from 'node:child_process';

// promtool and amtool live in the Prometheus and Alertmanager images (Debian's packages): each run
// here is a one-off container of the locally built image with the files mounted read-only.

export interface ToolRun {
  command: string;
  exitCode: number;
  /** stdout and stderr together: promtool prints a failed test case on stdout. */
  output: string;
}

/** Runs `tool args...` in a throw-away container of `image` without network, `dir` mounted at /work (the working directory). */
export function runToolInImage(image: string, tool: string, dir: string, args: string[]): Promise<ToolRun> {
  const command = `${tool} ${args.join(' ')}`;
  const dockerArgs = ['run', '--rm', '--network', 'none', '-v', `${dir}:/work:ro`, '-w', '/work', '--entrypoint', tool, image, ...args];
  return new Promise((resolve) => {
    execFile('docker', dockerArgs, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ command, exitCode, output: `${stdout}${stderr}`.trim() || (error?.message ?? '') });
    });
  });
}
