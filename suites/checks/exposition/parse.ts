// The Prometheus text exposition format (version 0.0.4, what prom-client and the Go exporters
// serve), parsed into metric families. Our own small parser: the one maintained npm package
// (parse-prometheus-text-format 1.1.1) drops the labels, _sum and _count of histogram series
// whose `le` comes first, which is how prom-client writes them.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface ExposedSample {
  /** The sample's own name: `x_bucket`, `x_sum`, `x_count` for a histogram `x`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  samples: ExposedSample[];
}

export class ExpositionError extends Error {}

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricType, string[]> = {
  counter: ['', '_total', '_created'],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  summary: ['', '_sum', '_count', '_created'],
  untyped: [''],
};
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseValue(text: string, line: number): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new ExpositionError(`line ${line}: "${text}" is not a sample value`);
  return value;
}

/** `{a="x",b="y\"z"}` starting at `text[0] === '{'`; returns the labels and the rest of the line. */
function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const name = LABEL_NAME.exec(text.slice(i))?.[0];
    if (!name) throw new ExpositionError(`line ${line}: bad label name at "${text.slice(i, i + 20)}"`);
    i += name.length;
    if (text[i] !== '=' || text[i + 1] !== '"') throw new ExpositionError(`line ${line}: label ${name} has no quoted value`);
    i += 2;
    let value = '';
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] !== '\\') {
        value += text[i];
        continue;
      }
      const escaped = text[++i];
      value += escaped === 'n' ? '\n' : (escaped ?? '');
    }
    if (i >= text.length) throw new ExpositionError(`line ${line}: label ${name} has an unterminated value`);
    if (name in labels) throw new ExpositionError(`line ${line}: label ${name} appears twice`);
    labels[name] = value;
    i++;
  }
}

function familyOf(sampleName: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  for (const suffix of ['', '_bucket', '_sum', '_count', '_total', '_created']) {
    if (!sampleName.endsWith(suffix)) continue;
    const family = families.get(sampleName.slice(0, sampleName.length - suffix.length));
    if (family && SUFFIXES[family.type].includes(suffix)) return family;
  }
  return undefined;
}

export function parseExposition(text: string): MetricFamily[] {
  const families = new Map<string, MetricFamily>();
  const declare = (name: string): MetricFamily => {
    const existing = families.get(name);
    if (existing) return existing;
    const family: MetricFamily = { name, type: 'untyped', help: '', samples: [] };
    families.set(name, family);
    return family;
  };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '') return;
    if (content.startsWith('#')) {
      const match = /^#\s+(HELP|TYPE)\s+(\S+)\s*(.*)$/.exec(content);
      if (!match) return;
      const [, keyword, name = '', rest = ''] = match;
      const family = declare(name);
      if (keyword === 'HELP') family.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      else {
        if (!TYPES.has(rest as MetricType)) throw new ExpositionError(`line ${line}: unknown type "${rest}" for ${name}`);
        if (family.samples.length > 0) throw new ExpositionError(`line ${line}: TYPE of ${name} after its samples`);
        family.type = rest as MetricType;
      }
      return;
    }
    const name = NAME.exec(content)?.[0];
    if (!name) throw new ExpositionError(`line ${line}: no metric name in "${content.slice(0, 40)}"`);
    let rest = content.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, line));
    const [valueText = '', timestamp, extra] = rest.trim().split(/\s+/);
    if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
      throw new ExpositionError(`line ${line}: unexpected "${rest.trim()}" after ${name}`);
    }
    const family = familyOf(name, families) ?? declare(name);
    family.samples.push({ name, labels, value: parseValue(valueText, line) });
  });
  return [...families.values()];
}

/** The label names a family's samples carry, without `le` (histogram) and `quantile` (summary). */
export function labelNamesOf(family: MetricFamily): string[] {
  const names = new Set<string>();
  for (const s of family.samples) for (const n of Object.keys(s.labels)) names.add(n);
  if (family.type === 'histogram') names.delete('le');
  if (family.type === 'summary') names.delete('quantile');
  return [...names].sort();
}

/** A histogram's finite bucket boundaries, ascending, from its `le` labels. */
export function bucketBoundsOf(family: MetricFamily): number[] {
  const bounds = new Set<number>();
  for (const s of family.samples) {
    if (s.name !== `${family.name}_bucket` || s.labels.le === undefined) continue;
    const le = parseValue(s.labels.le, 0);
    if (Number.isFinite(le)) bounds.add(le);
  }
  return [...bounds].sort((a, b) => a - b);
}
