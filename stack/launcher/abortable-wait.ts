import type { BoundPorts, WaitStrategy } from 'testcontainers';

type Container = Parameters<WaitStrategy['waitUntilReady']>[0];

/**
 * A readiness wait that gives up as soon as the run is being stopped: testcontainers' own waits
 * run to their timeout (90 s), and a Ctrl-C during start-up would wait that long before teardown.
 * testcontainers stops and removes the container whose wait failed.
 */
export class AbortableWait implements WaitStrategy {
  constructor(
    private readonly inner: WaitStrategy,
    private readonly signal: AbortSignal,
  ) {}

  waitUntilReady(container: Container, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new Error('the run is being stopped'));
      if (this.signal.aborted) return onAbort();
      this.signal.addEventListener('abort', onAbort, { once: true });
      this.inner
        .waitUntilReady(container, boundPorts, startTime)
        .then(resolve, reject)
        .finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.inner.withStartupTimeout(startupTimeoutMs);
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.inner.isStartupTimeoutSet();
  }

  getStartupTimeout(): number {
    return this.inner.getStartupTimeout();
  }
}
