import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { firstIssue } from '../data-file.ts';
import type { StackInfo } from '../launcher/stack-info.ts';
import type { StackModel } from '../model/schema.ts';

// A deployment that is already running (the VPS, or any stack someone else started), described by
// a YAML or JSON file: where its Prometheus and metrics endpoints answer, and which environment
// variables hold its credentials. `npm run verify -- --target FILE` checks it and starts nothing.

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const fromEnv = z.strictObject({ env: envName });
const httpUrl = z.url({ protocol: /^https?$/ });
/** A base URL: paths are appended to it, so a trailing slash goes. */
const baseUrl = httpUrl.transform((u) => u.replace(/\/+$/, ''));

export const TargetFile = z.strictObject({
  /** Which deployment this is: printed and written into the report. */
  name: z.string().min(1),
  prometheus: z.strictObject({
    url: baseUrl,
    /** Its container on the local engine: promtool runs there (`docker exec`, read-only). */
    container: z.string().min(1),
  }),
  credentials: z.strictObject({ metricsUser: fromEnv, metricsPassword: fromEnv }),
  /** Scrape job → its metrics URL as reached from here, exactly (LiteLLM's is /metrics/), and optionally its container. */
  endpoints: z.record(z.string(), z.union([httpUrl, z.strictObject({ url: httpUrl, container: z.string().min(1).optional() })])),
});
export type TargetFile = z.infer<typeof TargetFile>;

/** A target file that cannot be used: one line naming the file and the field. */
export class TargetFileError extends Error {}

export interface Target {
  file: string;
  name: string;
  info: StackInfo;
}

function fail(file: string, field: string, message: string): never {
  throw new TargetFileError(`${file}: ${field}: ${message}`);
}

/** Validates the file's content against the model: every scrape job of the model needs an endpoint. */
export function parseTarget(text: string, file: string, model: StackModel, env: NodeJS.ProcessEnv): Target {
  let value: unknown;
  try {
    value = parse(text); // YAML is a superset of JSON
  } catch (error) {
    fail(file, '(file)', `not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = TargetFile.safeParse(value);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    fail(file, field, message);
  }
  const target = parsed.data;
  const scraped = model.services.filter((s) => s.scrape);
  const jobs = new Set(scraped.map((s) => s.scrape!.job));
  for (const job of Object.keys(target.endpoints)) {
    if (!jobs.has(job)) fail(file, `endpoints.${job}`, `no scrape job ${job} in the stack model (jobs: ${[...jobs].join(', ')})`);
  }
  for (const job of jobs) if (!target.endpoints[job]) fail(file, `endpoints.${job}`, 'missing: every scrape job of the model needs its metrics URL');
  const credential = (field: 'metricsUser' | 'metricsPassword') => {
    const variable = target.credentials[field].env;
    const given = env[variable];
    if (!given) fail(file, `credentials.${field}`, `environment variable ${variable} is not set`);
    return given;
  };
  const metricsUser = credential('metricsUser');
  const metricsPassword = credential('metricsPassword');
  return {
    file,
    name: target.name,
    info: {
      runId: `target-${target.name}`,
      stackName: model.name,
      engineVersion: 'not used: verify --target starts nothing',
      prometheusUrl: target.prometheus.url,
      prometheusContainer: target.prometheus.container,
      metricsUser,
      metricsPassword,
      credentialOrigin: {
        metricsUser: `environment (${target.credentials.metricsUser.env})`,
        metricsPassword: `environment (${target.credentials.metricsPassword.env})`,
      },
      capWarnings: [],
      grafana: { notRunning: 'a verify target names no Grafana' },
      services: scraped.map((s) => {
        const endpoint = target.endpoints[s.scrape!.job]!;
        const cap = model.profile.caps[s.name]!;
        return {
          name: s.name,
          container: typeof endpoint === 'string' ? '' : (endpoint.container ?? ''),
          image: s.image ?? s.externalImage?.default ?? '?',
          // The caps the rendered Compose file gives it; the deployment may differ.
          cpu: cap.cpu,
          memoryMiB: cap.memoryMiB,
          startupSeconds: 0,
          urls: {},
          metricsUrl: typeof endpoint === 'string' ? endpoint : endpoint.url,
          scrapeJob: s.scrape!.job,
          coreService: s.scrape!.coreService,
        };
      }),
    },
  };
}

export async function loadTarget(file: string, model: StackModel, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TargetFileError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseTarget(text, file, model, env);
}
