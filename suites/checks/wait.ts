/**
 * Polls `probe` until it returns a value, or throws after `timeoutMs` naming what it waited for.
 * `describe` turns the latest probe state into a progress line (printed at most every 10 s).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; onProgress?: (line: string) => void; describe?: () => string },
): Promise<T> {
  const started = Date.now();
  let lastProgress = started;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = (error as Error).message;
    }
    const elapsed = Date.now() - started;
    if (elapsed >= options.timeoutMs) {
      const state = options.describe ? `; last state: ${options.describe()}` : '';
      throw new Error(`timed out after ${Math.round(elapsed / 1000)} s waiting for ${what}${state}${lastError ? `; last error: ${lastError}` : ''}`);
    }
    if (options.onProgress && Date.now() - lastProgress >= 10_000) {
      lastProgress = Date.now();
      const left = Math.round((options.timeoutMs - elapsed) / 1000);
      options.onProgress(`waiting for ${what}${options.describe ? ` (${options.describe()})` : ''}, at most ${left} s left`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1_000));
  }
}
