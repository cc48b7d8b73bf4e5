import { HttpError } from './http-server.ts';

// Checks for the small JSON bodies of the stub APIs. Every failure is a 400 naming the field.

/** Dictated latencies are capped, so a caller cannot park a handler for long. */
export const MAX_LATENCY_MS = 5000;

type Body = Record<string, unknown>;

export function numberField(
  body: Body,
  key: string,
  rules: { fallback: number; min?: number; max?: number; integer?: boolean },
): number {
  const value = body[key];
  if (value === undefined || value === null) return rules.fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new HttpError(400, `${key} must be a number`);
  if (rules.integer && !Number.isInteger(value)) throw new HttpError(400, `${key} must be an integer`);
  if (rules.min !== undefined && value < rules.min) throw new HttpError(400, `${key} must be >= ${rules.min}`);
  if (rules.max !== undefined && value > rules.max) throw new HttpError(400, `${key} must be <= ${rules.max}`);
  return value;
}

export function booleanField(body: Body, key: string, fallback: boolean): boolean {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new HttpError(400, `${key} must be true or false`);
  return value;
}

export function stringField(body: Body, key: string, rules: { fallback?: string; maxLength: number }): string {
  const value = body[key];
  if (value === undefined || value === null) {
    if (rules.fallback !== undefined) return rules.fallback;
    throw new HttpError(400, `${key} is required`);
  }
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `${key} must be a non-empty string`);
  if (value.length > rules.maxLength) throw new HttpError(400, `${key} is longer than ${rules.maxLength}`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], key: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new HttpError(400, `${key} must be one of ${allowed.join(', ')}`);
}

export function objectField(body: Body, key: string): Body {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, `${key} must be an object`);
  return value as Body;
}

/** latency_ms, clamped to MAX_LATENCY_MS. */
export function latencyField(body: Body, fallback: number, key = 'latency_ms'): number {
  return Math.min(numberField(body, key, { fallback, min: 0 }), MAX_LATENCY_MS);
}

/** Waits without keeping the process alive; resolves early when the stub stops. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
