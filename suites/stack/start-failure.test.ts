import { expect, it } from 'vitest';
import { NEVER_READY_STACK } from '../../fixtures/broken-stacks/never-ready.ts';
import { leftoverNames, resourcesOfRun } from '../../stack/launcher/leftovers.ts';
import { createStackRun, StackStartError } from '../../stack/launcher/stack-run.ts';
import { describeOnStack } from './stack-context.ts';

const log = (line: string) => process.stderr.write(`[start-failure] ${line}\n`);

describeOnStack('a start that fails', () => {
  it('names the service and what it waited for, and leaves no container or network behind', async () => {
    const run = createStackRun({ model: NEVER_READY_STACK });
    const failure = await run.start(5_000).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StackStartError);
    expect((failure as Error).message).toMatch(/^redis did not become ready within 5 s \(waited for the log line \/this line is never printed\/\)/);
    expect((failure as Error).message).toContain('Ready to accept connections'); // the container's own last log lines
    expect(await resourcesOfRun(run.runId)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  // Before the readiness waits were abortable, stop() waited for the wave to settle: the whole
  // readiness timeout (here 90 s) when a service never became ready.
  it('stopped during start-up, the wave gives up its readiness wait: removed in seconds, not after the 90 s timeout', async () => {
    let redisStarting!: () => void;
    const starting = new Promise<void>((resolve) => (redisStarting = resolve));
    const run = createStackRun({ model: NEVER_READY_STACK, onProgress: (line) => /^starting redis/.test(line) && redisStarting() });
    const start = run.start(90_000).then(
      () => undefined,
      (error: unknown) => error,
    );
    await starting;
    const began = performance.now();
    const left = await run.stop();
    const seconds = (performance.now() - began) / 1000;
    log(`run ${run.runId} stopped during start-up: removed in ${seconds.toFixed(1)} s`);
    expect((await start) as Error).toBeInstanceOf(StackStartError);
    expect(((await start) as Error).message).toMatch(/was stopped while redis was starting/);
    expect(leftoverNames(left)).toEqual([]);
    expect(seconds).toBeLessThan(45);
  }, 150_000);
});
