// A steady, low background activity: every interval one small operation, never two at once.
// The timer is unref'd so it never keeps a process alive; stop() clears it and aborts the
// operation in flight.

export interface Background {
  stop(): Promise<void>;
}

export function startBackground(
  intervalMs: number,
  tick: (signal: AbortSignal) => Promise<void>,
  onFirstError: (error: unknown) => void,
): Background {
  if (intervalMs <= 0) return { stop: async () => {} };
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let reported = false;

  const timer = setInterval(() => {
    if (running) return;
    running = tick(abort.signal)
      .catch((error: unknown) => {
        if (abort.signal.aborted || reported) return;
        reported = true;
        onFirstError(error);
      })
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      abort.abort();
      await running;
    },
  };
}
