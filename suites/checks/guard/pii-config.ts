import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PiiList = z.object({
  about: z.string().optional(),
  patterns: z.array(z.object({ pattern: z.string().min(1), why: z.string().min(1) })).min(1),
});
const SeriesBudget = z.object({
  about: z.string().optional(),
  stackTotal: z.number().int().positive(),
  perMetricDefault: z.number().int().positive(),
  perMetric: z.record(z.string(), z.object({ budget: z.number().int().positive(), why: z.string().min(1) })),
});
export type SeriesBudget = z.infer<typeof SeriesBudget>;

export interface PiiRule {
  regex: RegExp;
  why: string;
}

const DEFAULT_PII_FILE = fileURLToPath(new URL('./pii-labels.json', import.meta.url));
const DEFAULT_BUDGET_FILE = fileURLToPath(new URL('./series-budget.json', import.meta.url));

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${file} cannot be read: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${what} ${file} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The personal-data label rules: suites/checks/guard/pii-labels.json, or the file ONYX_PII_LABELS_FILE names. */
export function loadPiiRules(file = process.env.ONYX_PII_LABELS_FILE || DEFAULT_PII_FILE): PiiRule[] {
  return readJson(file, PiiList, 'personal-data label list').patterns.map((p) => {
    try {
      return { regex: new RegExp(p.pattern, 'i'), why: p.why };
    } catch {
      throw new Error(`personal-data label list ${file}: "${p.pattern}" is not a regular expression`);
    }
  });
}

export function loadSeriesBudget(file = DEFAULT_BUDGET_FILE): SeriesBudget {
  return readJson(file, SeriesBudget, 'series budget');
}

/** The rule a label name breaks, if any. */
export function piiRuleFor(label: string, rules: readonly PiiRule[]): PiiRule | undefined {
  return rules.find((r) => r.regex.test(label));
}
