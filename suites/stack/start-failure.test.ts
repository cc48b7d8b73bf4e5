import { expect, it } from 'vitest';
import { NEVER_READY_STACK } from '../../fixtures/broken-stacks/never-ready.ts';
import { resourcesOfRun } from '../../stack/launcher/leftovers.ts';
import { createStackRun, StackStartError } from '../../stack/launcher/stack-run.ts';
import { describeOnStack } from './stack-context.ts';


describeOnStack('a start that fails', (stack) => {
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
});
