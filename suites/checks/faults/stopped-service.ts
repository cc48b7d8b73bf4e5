import { docker } from '../../../stack/engine/docker-cli.ts';
import type { PrometheusClient } from '../../../stack/launcher/prometheus-client.ts';
import type { AlertmanagerClient } from '../../../stack/launcher/alertmanager-client.ts';
import { waitFor } from '../wait.ts';

// A core service stopped mid-run: how long until Prometheus stores up=0, until the alert reaches
// Alertmanager, and until it is back once started again. Times are from the moment `docker stop`
// was called (so they include the service's own shutdown, at most 5 s); detection is read from the
// stored sample's own timestamp.

export interface OutageTimes {
  /** Stored `up == 0` sample, seconds after the stop. */
  detectSeconds: number;
  /** First seen in Alertmanager's API (polled every second), seconds after the stop. */
  alertSeconds: number;
  /** The alert's startsAt (when Prometheus fired it), seconds after the stop. */
  firedSeconds: number;
}

/** Stops the container; returns when the stop was asked for (unix s). */
export async function stopContainer(container: string): Promise<number> {
  const askedAt = Date.now() / 1000;
  await docker(['stop', '--time', '5', container]);
  return askedAt;
}

export async function startContainer(container: string): Promise<number> {
  await docker(['start', container]);
  return Date.now() / 1000;
}

/** The timestamp of the first stored `up` sample of `job` with `value`, at or after `since` (unix s). */
export async function firstUpSample(prom: PrometheusClient, job: string, value: 0 | 1, since: number, timeoutMs: number): Promise<number> {
  return waitFor(
    `a stored up{job="${job}"} == ${value} sample`,
    async () => {
      const [series] = await prom.rawSamples(`up{job="${job}"}`, '5m');
      return series?.values.find(([t, v]) => t >= since && Number(v) === value)?.[0];
    },
    { timeoutMs, intervalMs: 1_000 },
  );
}

/** When the alert `alertname` for `job` is first listed by Alertmanager: [seen, startsAt] in unix s. */
export async function alertArrival(am: AlertmanagerClient, alertname: string, job: string, timeoutMs: number): Promise<[number, number]> {
  return waitFor(
    `${alertname} for job ${job} in Alertmanager`,
    async () => {
      const alert = (await am.alerts(alertname)).find((a) => a.labels.job === job);
      return alert ? [Date.now() / 1000, Date.parse(alert.startsAt) / 1000] : undefined;
    },
    { timeoutMs, intervalMs: 1_000 },
  );
}

/** Waits until Alertmanager no longer holds the alert as firing (Prometheus sent it resolved). */
export async function alertCleared(am: AlertmanagerClient, alertname: string, job: string, timeoutMs: number): Promise<void> {
  await waitFor(
    `${alertname} for job ${job} resolved in Alertmanager`,
    async () => ((await am.alerts(alertname)).some((a) => a.labels.job === job && Date.parse(a.endsAt) > Date.now()) ? undefined : true),
    { timeoutMs, intervalMs: 2_000 },
  );
}
