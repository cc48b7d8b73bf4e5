// Data files (reports, manifests, fixtures) read and validated the same way everywhere: a bad one
// is one line naming the file and the first bad field, never a stack trace or a zod dump.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

type ErrorClass = new (message: string) => Error;

/** `field a.b: message` for the first problem zod found. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  return { field: issue.path.length > 0 ? issue.path.join('.') : '(top level)', message: issue.message };
}

/** `value` validated by `schema`, or an `Failure` naming the file and the first bad field. */
export function parseData<T>(schema: z.ZodType<T>, value: unknown, file: string, Failure: ErrorClass): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new Failure(`${file}: field ${field}: ${message}`);
}

/** The JSON in `text`, or a `Failure` naming the file. */
export function parseJsonText(text: string, file: string, Failure: ErrorClass): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Failure(`${file}: not JSON: ${(error as Error).message}`);
  }
}

/** The text of `file`, or a `Failure` naming the file and the reason (ENOENT, EACCES...). */
export async function readDataText(file: string, Failure: ErrorClass): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Failure(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
