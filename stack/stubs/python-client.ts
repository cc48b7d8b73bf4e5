import type { Metric, Registry } from 'prom-client';

// Metric families as Python's prometheus_client (0.23) writes them in the text format 0.0.4, for
// the stubs that stand for Python services. What prom-client does differently, and this does not:
// - a counter, histogram or summary child also has a `<name>_created` sample (the Unix time the
//   child was made), which the text format writes as a separate gauge family `<base>_created`
//   (the counter's base is its name without `_total`); a scrape job sees those families;
// - a summary has no quantiles, only `_sum` and `_count`;
// - a family without labels has its one child (at 0) from the start.
// A custom collector's families (CounterMetricFamily, GaugeMetricFamily: process_*, python_gc_*)
// have no `_created`: register them with collectedFamily.
// Children are found by their joined label values: one string join per update, no hashing of
// label objects (prom-client's observe() validates and hashes on every call).

export type PythonMetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

interface Child {
  /** Frozen, as each bucket's: the page writer formats a frozen label set once (exposition.ts). */
  labels: Record<string, string>;
  /** The labels of each bucket sample, `le` last, made with the child: a scrape allocates none. */
  bucketLabels: Record<string, string>[] | undefined;
  /** Counter or gauge value; a histogram's or summary's count. */
  value: number;
  sum: number;
  /** Per bucket, not cumulative; the last slot is +Inf. */
  buckets: Float64Array | undefined;
  created: number;
}

interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * The shape prom-client's Registry reads from any metric: name, help, type and get(). `instrument`
 * is the PythonMetric behind it, so that `registry.getSingleMetric(name)` still reaches the object
 * whose inc/observe a caller (a deliberately broken fixture) wants.
 */
export function registerFamily(registry: Registry, name: string, help: string, type: string, samples: () => Sample[], instrument?: PythonMetric): void {
  const get = async () => ({ name, help, type, aggregator: 'sum', values: samples() });
  registry.registerMetric({ name, help, type, aggregator: 'sum', get, reset() {}, instrument } as unknown as Metric);
}

/** A family read at scrape time, as a Python custom collector yields it (no `_created` samples). */
export function collectedFamily(
  registry: Registry,
  name: string,
  help: string,
  type: 'counter' | 'gauge',
  read: () => { labels?: Record<string, string>; value: number }[],
): void {
  registerFamily(registry, name, help, type, () => read().map((s) => ({ metricName: name, labels: s.labels ?? {}, value: s.value })));
}

export class PythonMetric {
  private readonly children = new Map<string, Child>();
  private registerCreated: (() => void) | undefined;
  /** Each bucket's `le` as prometheus_client writes it, +Inf last. */
  private readonly bounds: string[] | undefined;
  private readonly bucketName: string;

  constructor(
    registry: Registry,
    readonly name: string,
    help: string,
    readonly type: PythonMetricType,
    readonly labelNames: readonly string[] = [],
    readonly buckets?: readonly number[],
  ) {
    if (type === 'histogram' && !buckets) throw new Error(`histogram ${name} needs buckets`);
    this.bounds = buckets ? [...buckets.map(pythonFloat), '+Inf'] : undefined;
    this.bucketName = `${name}_bucket`;
    registerFamily(registry, name, help, type, () => [...this.children.values()].flatMap((c) => this.samplesOf(c)), this);
    if (type !== 'gauge') {
      // Python writes the `_created` family only once a child exists.
      const base = type === 'counter' ? name.replace(/_total$/, '') : name;
      this.registerCreated = () =>
        registerFamily(registry, `${base}_created`, help, 'gauge', () =>
          [...this.children.values()].map((c) => ({ metricName: `${base}_created`, labels: c.labels, value: c.created })),
        );
    }
    if (labelNames.length === 0) this.child([]);
  }

  private child(values: readonly string[]): Child {
    const key = values.join('\u0000');
    let found = this.children.get(key);
    if (!found) {
      if (values.length !== this.labelNames.length) throw new Error(`${this.name} takes ${this.labelNames.length} label values`);
      const labels = Object.freeze(Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]!])));
      const buckets = this.buckets ? new Float64Array(this.buckets.length + 1) : undefined;
      const bucketLabels = this.bounds?.map((le) => Object.freeze({ ...labels, le }));
      found = { labels, bucketLabels, value: 0, sum: 0, buckets, created: Date.now() / 1000 };
      this.children.set(key, found);
      this.registerCreated?.();
      this.registerCreated = undefined;
    }
    return found;
  }

  /** Makes the child (at 0) if it does not exist, as `metric.labels(...)` does in Python. */
  touch(values: readonly string[]): void {
    this.child(values);
  }

  inc(values: readonly string[], by = 1): void {
    this.child(values).value += by;
  }

  dec(values: readonly string[], by = 1): void {
    this.child(values).value -= by;
  }

  set(values: readonly string[], value: number): void {
    this.child(values).value = value;
  }

  observe(values: readonly string[], value: number): void {
    const c = this.child(values);
    c.value += 1;
    c.sum += value;
    if (c.buckets) {
      let i = 0;
      while (i < this.buckets!.length && value > this.buckets![i]!) i++;
      c.buckets[i]! += 1;
    }
  }

  private samplesOf(c: Child): Sample[] {
    if (this.type === 'counter' || this.type === 'gauge') return [{ metricName: this.name, labels: c.labels, value: c.value }];
    const tail = [
      { metricName: `${this.name}_count`, labels: c.labels, value: c.value },
      { metricName: `${this.name}_sum`, labels: c.labels, value: c.sum },
    ];
    if (!c.buckets || !c.bucketLabels) return tail;
    let cumulative = 0;
    const samples: Sample[] = c.bucketLabels.map((labels, i) => {
      cumulative += c.buckets![i]!;
      return { metricName: this.bucketName, labels, value: cumulative };
    });
    samples.push(...tail);
    return samples;
  }
}

/** A bucket bound as prometheus_client writes `le` (Python's repr of a float: 1 is "1.0"). */
export const pythonFloat = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** prometheus_client's Histogram default buckets, for a histogram made without its own. */
export const PYTHON_DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;
