import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PiiList = z.object({
  about: z.string().optional(),
  patterns: z.array(z.object({ pattern: z.string().min(1), why: z.string().min(1) })).min(1),
  allowed: z.array(z.object({ metric: z.string().min(1), label: z.string().min(1), why: z.string().min(1) })).default([]),
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

export interface PiiConfig {
  rules: PiiRule[];
  /** Metric and label pairs that match a rule but carry no personal data. */
  allowed: { metric: string; label: string; why: string }[];
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
export function loadPiiConfig(file = process.env.ONYX_PII_LABELS_FILE || DEFAULT_PII_FILE): PiiConfig {
  const list = readJson(file, PiiList, 'personal-data label list');
  const rules = list.patterns.map((p) => {
    try {
      return { regex: new RegExp(p.pattern, 'i'), why: p.why };
    } catch {
      throw new Error(`personal-data label list ${file}: "${p.pattern}" is not a regular expression`);
    }
  });
  return { rules, allowed: list.allowed };
}

export function loadSeriesBudget(file = DEFAULT_BUDGET_FILE): SeriesBudget {
  return readJson(file, SeriesBudget, 'series budget');
}

/** The rule a label name breaks, if any; `metric` lets an allowed pair through. */
export function piiRuleFor(label: string, config: PiiConfig, metric?: string): PiiRule | undefined {
  if (metric !== undefined && config.allowed.some((a) => a.metric === metric && a.label === label)) return undefined;
  return config.rules.find((r) => r.regex.test(label));
}
