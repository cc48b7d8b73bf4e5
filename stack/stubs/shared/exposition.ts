import type { Registry } from 'prom-client';

// A registry's page in the text format 0.0.4, byte for byte what prom-client's registry.metrics()
// writes for a registry without default labels, with a fraction of its work per sample. Why it
// matters: Prometheus scrapes every 15 s, and a scrape that finds the stub idle runs with cold CPU
// caches; the litellm stub's page then cost 9-20 ms of CPU instead of 2-3 ms warm, so the work per
// sample is what each real scrape pays. prom-client builds, per sample, an entries array, a label
// array, a spread copy, a filtered copy, a join and three regex replaces per label value; this
// writes each line with string concatenation and escapes only a value that needs it.

interface Sample {
  metricName?: string;
  labels?: Record<string, string | number>;
  sharedLabels?: Record<string, string | number>;
  value: number;
}

/** What a registry holds, as registry.metrics() reads it (its type declarations say less). */
export interface Family {
  get(): Promise<FamilyRead>;
  /** prom-client reads a histogram through this when it has it. */
  getForPromString?(): Promise<FamilyRead>;
}

export interface FamilyRead {
  name: string;
  help: string;
  type: string;
  values?: Sample[];
}

const NEEDS_ESCAPE = /[\\\n"]/;

/** prom-client's escapeLabelValue: backslash, newline and double quote; a number as it is. */
function labelValue(value: string | number): string {
  if (typeof value !== 'string') return `${value}`;
  return NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : value;
}

/** HELP text and names: backslash and newline only, as prom-client escapes them. */
function escapeText(text: string): string {
  return text.includes('\\') || text.includes('\n') ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
}

/** prom-client's getValueAsString. */
function valueText(value: number): string {
  if (Number.isNaN(value)) return 'Nan';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return `${value}`;
}

/**
 * A frozen label set cannot change, so its text is made once (the Python-format stubs freeze every
 * child's; prom-client's own children keep the caller's object, which may change, and are not cached).
 */
const frozenPairs = new WeakMap<object, string>();

function labelPairs(labels: Record<string, string | number>, exclude?: Record<string, unknown>): string {
  if (exclude === undefined && Object.isFrozen(labels)) {
    let text = frozenPairs.get(labels);
    if (text === undefined) frozenPairs.set(labels, (text = formatPairs(labels)));
    return text;
  }
  return formatPairs(labels, exclude);
}

function formatPairs(labels: Record<string, string | number>, exclude?: Record<string, unknown>): string {
  let out = '';
  for (const name of Object.keys(labels)) {
    if (exclude !== undefined && Object.hasOwn(exclude, name)) continue;
    out += `${out === '' ? '' : ','}${name}="${labelValue(labels[name]!)}"`;
  }
  return out;
}

function familyText(name: string, help: string, type: string, samples: readonly Sample[]): string {
  let out = `# HELP ${name} ${escapeText(help)}\n# TYPE ${name} ${type}`;
  for (const sample of samples) {
    const own = sample.labels === undefined ? '' : labelPairs(sample.labels, sample.sharedLabels);
    const shared = sample.sharedLabels === undefined ? '' : labelPairs(sample.sharedLabels);
    const pairs = own === '' ? shared : shared === '' ? own : `${own},${shared}`;
    out += `\n${sample.metricName ?? name}${pairs === '' ? '' : `{${pairs}}`} ${valueText(sample.value)}`;
  }
  return out;
}

/** The registry's page, as registry.metrics() gives it in the text format 0.0.4. */
export async function exposition(registry: Registry): Promise<string> {
  const families = await Promise.all(
    (registry.getMetricsAsArray() as unknown as Family[]).map(async (family) => {
      const read = await (family.getForPromString ? family.getForPromString() : family.get());
      return familyText(escapeText(read.name), read.help, read.type, read.values ?? []);
    }),
  );
  return `${families.join('\n\n')}\n`;
}
