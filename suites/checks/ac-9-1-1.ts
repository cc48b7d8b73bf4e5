import { prometheusClient, type Target } from '../../stack/launcher/prometheus-client.ts';
import { docker } from '../../stack/engine/docker-cli.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { PROMETHEUS_CONFIG_DIR } from '../../stack/model/container-paths.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import type { AcResult } from './ac-result.ts';
import { httpStatus } from './endpoint-auth.ts';
import { waitForScrapes, type JobScrapes } from './scraping.ts';

/** The model's interval (its unit test pins it to the story's 15 s): the running Prometheus must keep it. */
export const EXPECTED_INTERVAL_S = ONYX_STACK.scrapeIntervalSeconds;
export const TOLERANCE_S = 1;
/** 4 stored samples give 3 spacings: the "at least 3 scrapes" of the SPEC. */
export const MIN_SAMPLES = 4;

export interface AuthProbe {
  job: string;
  url: string;
  withoutCredentials: number;
  withCredentials: number;
  /** Why the endpoint could not be probed (connection refused, timeout); the statuses are then 0. */
  unreachable?: string;
}

export interface PromtoolRun {
  command: string;
  exitCode: number;
  output: string;
}

export interface Ac911Evidence {
  /** Prometheus's own view, as on its /targets page. */
  targets: Target[];
  scrapes: JobScrapes[];
  auth: AuthProbe[];
  promtool: PromtoolRun[];
}

export function scrapedJobs(info: StackInfo): string[] {
  return info.services.flatMap((s) => (s.scrapeJob ? [s.scrapeJob] : []));
}

async function promtool(container: string, args: string[]): Promise<PromtoolRun> {
  const command = `promtool ${args.join(' ')}`;
  try {
    const output = await docker(['exec', container, 'promtool', ...args]);
    return { command, exitCode: 0, output: output.trim() };
  } catch (error) {
    return { command, exitCode: 1, output: (error as Error).message };
  }
}

export async function gatherAc911Evidence(info: StackInfo, onProgress?: (line: string) => void): Promise<Ac911Evidence> {
  const prom = prometheusClient(info);
  const jobs = scrapedJobs(info);
  const scrapes = await waitForScrapes(prom, jobs, {
    minSamples: MIN_SAMPLES,
    window: '3m',
    timeoutMs: (MIN_SAMPLES + 4) * EXPECTED_INTERVAL_S * 1000,
    onProgress,
  });
  const authorization = basicAuthHeader(info.metricsUser, info.metricsPassword);
  const auth: AuthProbe[] = [];
  for (const s of info.services) {
    if (!s.metricsUrl || !s.scrapeJob) continue;
    try {
      auth.push({
        job: s.scrapeJob,
        url: s.metricsUrl,
        withoutCredentials: await httpStatus(s.metricsUrl),
        withCredentials: await httpStatus(s.metricsUrl, authorization),
      });
    } catch (error) {
      const e = error as Error & { code?: string };
      auth.push({ job: s.scrapeJob, url: s.metricsUrl, withoutCredentials: 0, withCredentials: 0, unreachable: e.code ?? e.message });
    }
  }
  const promtoolRuns = [
    await promtool(info.prometheusContainer, ['check', 'config', `${PROMETHEUS_CONFIG_DIR}/prometheus.yml`]),
    await promtool(info.prometheusContainer, ['check', 'web-config', `${PROMETHEUS_CONFIG_DIR}/web-config.yml`]),
  ];
  return { targets: await prom.targets(), scrapes, auth, promtool: promtoolRuns };
}

export function judgeAc911(evidence: Ac911Evidence, jobs: string[]): AcResult {
  const problems: string[] = [];
  let worst = 0;
  for (const job of jobs) {
    const s = evidence.scrapes.find((x) => x.job === job);
    if (!s) {
      problems.push(`${job}: no stored samples`);
      continue;
    }
    if (s.up !== 1) problems.push(`${job}: down (up=${s.up})`);
    const recent = s.spacings.slice(-(MIN_SAMPLES - 1));
    if (recent.length < MIN_SAMPLES - 1) problems.push(`${job}: only ${recent.length} spacings stored`);
    for (const gap of recent) {
      worst = Math.max(worst, Math.abs(gap - EXPECTED_INTERVAL_S));
      if (Math.abs(gap - EXPECTED_INTERVAL_S) > TOLERANCE_S) problems.push(`${job}: scrapes ${gap} s apart`);
    }
  }
  for (const t of evidence.targets) {
    const job = t.labels.job ?? '?';
    if (t.health !== 'up') problems.push(`${job}: /targets says ${t.health}${t.lastError ? ` (${t.lastError})` : ''}`);
    if (t.scrapeInterval !== `${EXPECTED_INTERVAL_S}s`) problems.push(`${job}: /targets says interval ${t.scrapeInterval}`);
  }
  for (const a of evidence.auth) {
    if (a.unreachable) {
      problems.push(`${a.job}: ${a.url} is unreachable (${a.unreachable})`);
      continue;
    }
    if (a.withoutCredentials !== 401) problems.push(`${a.job}: ${a.url} answered ${a.withoutCredentials} without credentials`);
    if (a.withCredentials !== 200) problems.push(`${a.job}: ${a.url} answered ${a.withCredentials} with credentials`);
  }
  for (const p of evidence.promtool) if (p.exitCode !== 0) problems.push(`${p.command} failed: ${p.output}`);
  const upCount = jobs.filter((j) => evidence.scrapes.find((s) => s.job === j)?.up === 1).length;
  return {
    ac: '9.1.1',
    title: 'Prometheus scrapes all 6 core services every 15 s',
    result: problems.length === 0 ? 'PASS' : 'FAIL',
    figure: `${upCount}/${jobs.length} targets up; worst spacing off by ${worst.toFixed(3)} s`,
    method:
      `the last ${MIN_SAMPLES - 1} spacings between stored up samples of each target (Prometheus range query up[3m]), ` +
      `tolerance ±${TOLERANCE_S} s; each metrics URL probed from the host with and without credentials; promtool in the Prometheus container`,
    details: problems.length > 0 ? problems : evidence.scrapes.map((s) => `${s.job}: up=${s.up}, spacings ${s.spacings.join(', ')} s`),
  };
}
