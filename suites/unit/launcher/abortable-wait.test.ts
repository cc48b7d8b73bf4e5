import type { BoundPorts, WaitStrategy } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { AbortableWait } from '../../../stack/launcher/abortable-wait.ts';

type Container = Parameters<WaitStrategy['waitUntilReady']>[0];
const container = {} as Container;
const ports = {} as BoundPorts;

/** A wait that settles only when told to, as testcontainers' waits do at their timeout. */
function manualWait() {
  let settle!: (error?: Error) => void;
  const done = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  let timeout = 0;
  const inner: WaitStrategy = {
    waitUntilReady: () => done,
    withStartupTimeout(ms) {
      timeout = ms;
      return inner;
    },
    isStartupTimeoutSet: () => timeout > 0,
    getStartupTimeout: () => timeout,
  };
  return { inner, settle };
}

describe('AbortableWait', () => {
  it('resolves when the inner wait does', async () => {
    const { inner, settle } = manualWait();
    const wait = new AbortableWait(inner, new AbortController().signal).waitUntilReady(container, ports);
    settle();
    await expect(wait).resolves.toBeUndefined();
  });

  it('fails with the inner failure', async () => {
    const { inner, settle } = manualWait();
    const wait = new AbortableWait(inner, new AbortController().signal).waitUntilReady(container, ports);
    settle(new Error('timed out after 90000ms'));
    await expect(wait).rejects.toThrow('timed out after 90000ms');
  });

  it('gives up at once when the run is stopped, though the inner wait is still waiting', async () => {
    const { inner } = manualWait();
    const stop = new AbortController();
    const wait = new AbortableWait(inner, stop.signal).waitUntilReady(container, ports);
    stop.abort();
    await expect(wait).rejects.toThrow('the run is being stopped');
  });

  it('gives up before waiting when the run was stopped already', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(new AbortableWait(manualWait().inner, stop.signal).waitUntilReady(container, ports)).rejects.toThrow('the run is being stopped');
  });

  it('passes the startup timeout to the inner wait', () => {
    const { inner } = manualWait();
    const wait = new AbortableWait(inner, new AbortController().signal).withStartupTimeout(90_000);
    expect([wait.isStartupTimeoutSet(), wait.getStartupTimeout()]).toEqual([true, 90_000]);
  });
});
