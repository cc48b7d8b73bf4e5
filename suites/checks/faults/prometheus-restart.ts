import { docker } from '../../../stack/engine/docker-cli.ts';
import type { PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';

// Prometheus restarted on its data volume: the raw samples it stored before are still there.
// Counted at one fixed evaluation time T over a fixed window ending at T, so the count before and
// the count after read exactly the same stretch of time: anything lost shows as a smaller number.

export interface StoredSamples {
  /** Every stored series with a sample in the window, by its full label set. */
  series: number;
  /** Raw samples of those series in the window (stale markers excluded, as the API does). */
  samples: number;
  /** `sum(count_over_time(up[window]))` at T: the same count done by Prometheus, for the scrape health series. */
  upSamples: number;
}

/**
 * The raw samples in (T - window, T]. `count_over_time({__name__=~".+"}[w])` cannot do it: dropping
 * the metric name leaves series with the same label set, which Prometheus refuses. The range vector
 * keeps the names, and is counted here.
 */
export async function countStoredSamples(prom: PrometheusClient, atMs: number, windowSeconds: number): Promise<StoredSamples> {
  const window = `${windowSeconds}s`;
  const all = await prom.rawSamples('{__name__=~".+"}', window, atMs);
  const [up] = await prom.instant(`sum(count_over_time(up[${window}]))`, atMs);
  return { series: all.length, samples: all.reduce((n, s) => n + s.values.length, 0), upSamples: up?.value ?? 0 };
}

/** The named volume mounted at `path` in the container, or why there is none. */
export async function volumeAt(container: string, path: string): Promise<string> {
  const format = `{{range .Mounts}}{{if eq .Destination "${path}"}}{{.Type}} {{.Name}}{{end}}{{end}}`;
  const [type, name] = (await docker(['inspect', '--format', format, container])).trim().split(' ');
  if (type !== 'volume' || !name) throw new Error(`${container} has no named volume at ${path} (found: ${type || 'nothing'})`);
  return name;
}

/** `docker restart`: SIGTERM (Prometheus closes its TSDB cleanly), then the same container, same volume. */
export async function restartContainer(container: string, stopTimeoutSeconds: number): Promise<void> {
  await docker(['restart', '--time', String(stopTimeoutSeconds), container], (stopTimeoutSeconds + 60) * 1000);
}

/** The container port's URL on the host. A port published as 127.0.0.1:0 gets a new one at each start. */
export async function publishedUrl(container: string, port: number): Promise<string> {
  const binding = (await docker(['port', container, `${port}/tcp`])).trim().split('\n')[0];
  if (!binding) throw new Error(`${container} publishes no host port for ${port}/tcp`);
  return `http://${binding}`;
}
