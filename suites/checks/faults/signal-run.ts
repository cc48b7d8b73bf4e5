import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../stack/paths.ts';

export interface SignalledRun {
  /** The run id the process announced (`run <id>: starting`); empty for a program that starts no run. */
  runId: string;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  /** Seconds from the signal to the process's exit. */
  exitSeconds: number;
  output: string[];
}

export interface SignalOptions {
  /** Send the signal once a line of output matches. */
  when: RegExp;
  signal: NodeJS.Signals;
  /** To the whole process group, as a terminal's Ctrl-C does (npm, sh, tsx and node all get it). */
  toGroup: boolean;
  timeoutMs: number;
  /** The process starts a run and prints its id (default); false for programs that start none. */
  announcesRun?: boolean;
}

const RUN_ID = /\brun (\d{8}t\d{6}-[0-9a-f]{6}): starting/;

/**
 * Starts `command args` in its own process group, waits for a line matching `when`, sends the
 * signal and waits for the process to exit. A process that outlives the timeout is killed with
 * SIGKILL (its run is then left for the caller's check to find) and the promise rejects.
 */
export function signalRun(command: string, args: string[], options: SignalOptions): Promise<SignalledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output: string[] = [];
    let runId = '';
    let signalledAt = 0;
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no ${signalledAt ? 'exit after the signal' : `line matching ${options.when}`} within ${options.timeoutMs / 1000} s; last lines:\n${output.slice(-10).join('\n')}`));
    }, options.timeoutMs);
    const onLine = (line: string) => {
      output.push(line);
      runId ||= RUN_ID.exec(line)?.[1] ?? '';
      if (!signalledAt && options.when.test(line)) {
        signalledAt = performance.now();
        process.kill(options.toGroup ? -child.pid! : child.pid!, options.signal);
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close', not 'exit': npm exits when its child does, and the stdio pipes close only when every
    // process of the group that holds them (sh, tsx, node) has exited too.
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(timer);
      if (!signalledAt) return reject(new Error(`${command} exited (${exitCode ?? exitSignal}) before a line matched ${options.when}:\n${output.slice(-10).join('\n')}`));
      if (!runId && options.announcesRun !== false) return reject(new Error(`${command} never announced its run id:\n${output.slice(-10).join('\n')}`));
      resolve({ runId, exitCode, exitSignal, exitSeconds: (performance.now() - signalledAt) / 1000, output });
    });
  });
}
