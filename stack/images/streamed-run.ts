import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cliMissingError } from '../engine/docker-cli.ts';
import { ImageBuildError } from './errors.ts';

export type Progress = (line: string) => void;

export const say = (progress: Progress, line: string) => progress(`[images] ${line}`);

// Lines of the legacy builder's deprecation notice: noise in progress and in failure tails.
const NOISE = [/^DEPRECATED: The legacy builder is deprecated/, /^\s*BuildKit is currently disabled/, /^\s*environment-variable\.\s*$/, /^\s*$/];

export interface StreamedRun {
  code: number | null;
  timedOut: boolean;
  tail: string[];
  step?: string;
}

/**
 * Runs a command, streaming its merged output line by line: tracks the current Dockerfile step
 * (legacy builder `Step 3/7 : RUN ...`, BuildKit `#6 [2/4] RUN ...`), keeps the last lines, and
 * prints a heartbeat with the elapsed seconds every heartbeatSeconds.
 */
export function runStreamed(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; heartbeatSeconds: number; timeoutSeconds: number; onLine?: (line: string) => void; heartbeat: (elapsed: number, step: string | undefined, last: string | undefined) => void },
): Promise<StreamedRun> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    const tail: string[] = [];
    let step: string | undefined;
    let last: string | undefined;
    let timedOut = false;
    const onLine = (raw: string) => {
      // eslint-disable-next-line no-control-regex
      const line = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '').trimEnd();
      if (NOISE.some((re) => re.test(line))) return;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const legacy = /^Step (\d+\/\d+) : (.*)$/.exec(line);
      const buildkit = /^#\d+ \[(?:[^\]]*? )?(\d+\/\d+)\] (.*)$/.exec(line);
      if (legacy) step = `step ${legacy[1]} ${describeStep(legacy[2]!)}`;
      else if (buildkit) step = `step ${buildkit[1]} ${describeStep(buildkit[2]!)}`;
      else if (!/^ ---> |^Removing intermediate container|^#\d+ (DONE|CACHED)/.test(line)) last = line;
      options.onLine?.(line);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    const beat = setInterval(() => options.heartbeat((Date.now() - began) / 1000, step, last), options.heartbeatSeconds * 1000);
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutSeconds * 1000);
    const done = () => {
      clearInterval(beat);
      clearTimeout(deadline);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      if (error.code === 'ENOENT') reject(cliMissingError(command));
      else reject(error);
    });
    child.on('close', (code) => {
      done();
      resolve({ code, timedOut, tail, step });
    });
  });
}

/** A Dockerfile instruction in a few words: `RUN apt-get install prometheus` for the long apt lines. */
export function describeStep(instruction: string): string {
  const text = instruction.replace(/\s+/g, ' ').trim();
  const apt = /apt-get install((?: [^&;|]+)+)/.exec(text);
  if (apt) {
    const packages = apt[1]!.trim().split(' ').filter((word) => !word.startsWith('-'));
    return `RUN apt-get install ${packages.join(' ')}`;
  }
  return text;
}

export const clip = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Prints the headline and the last lines of a failed run's output; returns the error to throw. */
export function failure(progress: Progress, image: string, headline: string, run: StreamedRun): ImageBuildError {
  const tail = run.tail.filter((line) => !/^ ---> |^Removing intermediate container /.test(line)).slice(-15);
  say(progress, `${headline}${tail.length > 0 ? '; last lines of its output:' : ''}`);
  for (const line of tail) progress(`    ${clip(line, 200)}`);
  return new ImageBuildError(image, headline, tail, run.code);
}

/** How long a build may take: $ONYX_IMAGE_BUILD_TIMEOUT_S, default 1200 s. */
export function timeoutFromEnv(): number {
  const value = Number(process.env.ONYX_IMAGE_BUILD_TIMEOUT_S);
  return Number.isFinite(value) && value > 0 ? value : 1200;
}
