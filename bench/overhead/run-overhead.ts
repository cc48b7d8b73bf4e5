import { Pool } from 'undici';
import { waitFor } from '../../suites/checks/wait.ts';
import { docker } from '../../stack/engine/docker-cli.ts';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { createStackRun } from '../../stack/launcher/stack-run.ts';
import { startStack } from '../../stack/launcher/with-stack.ts';
import { stubServiceInfo } from '../../stack/model/stub-services.ts';
import { readCgroup } from '../cgroup.ts';
import { abbaRound, estimatePair, type PairEstimate, type Round } from './abba.ts';
import { sendRequests } from './load.ts';
import { overheadModel, serviceOf, SIDES, SUNA_PORT, type Side } from './model.ts';

// Instrumentation CPU overhead from the containers' cgroups: the suna stub with instrumentation
// off and on, and two more with it on (A/A control), side by side with the same cap; paired blocks
// (abba.ts) of a fixed number of requests to a server-rendered chat page; CPU per request from
// cpuacct.usage at block edges. Every `roundsPerEpoch` rounds all four containers are restarted
// (fresh processes, warmed up again), so that no pair of processes decides the figure.

export interface OverheadOptions {
  /** Rounds continue until this much time is spent on them (at least `minRounds`). */
  budgetSeconds: number;
  minRounds?: number;
  /** Rounds measured by the same processes; then all four restart. At least MIN_EPOCHS epochs run. */
  roundsPerEpoch?: number;
  requestsPerBlock?: number;
  concurrency?: number;
  /** Messages in the rendered thread: sets the handler's CPU cost. */
  messages?: number;
  scrapes?: number;
  log: (line: string) => void;
}

export interface OverheadMeasurement {
  /** off (A) against on (B), CPU ns per request. */
  main: PairEstimate;
  /** control-a (A) against control-b (B), both on: must contain 0. */
  control: PairEstimate;
  scrapeCpuUs: number;
  settings: Required<Omit<OverheadOptions, 'log'>>;
  seconds: number;
}

const METRICS_PATH = stubServiceInfo('suna').metricsPath;
/** Fewer epochs than this leave the epoch-resampled interval without meaning. */
const MIN_EPOCHS = 3;
const RESTART_TIMEOUT_MS = 30_000;

export async function measureOverhead(options: OverheadOptions): Promise<OverheadMeasurement> {
  const settings = {
    budgetSeconds: options.budgetSeconds,
    minRounds: options.minRounds ?? 5,
    roundsPerEpoch: options.roundsPerEpoch ?? 4,
    requestsPerBlock: options.requestsPerBlock ?? 300,
    concurrency: options.concurrency ?? 2,
    messages: options.messages ?? 400,
    scrapes: options.scrapes ?? 100,
  };
  const { log } = options;
  const run = createStackRun({ model: overheadModel(), onProgress: log });
  const stack = await startStack(run);
  const pools = new Map<Side, Pool>();
  try {
    const ids = new Map(SIDES.map((side) => [side, run.service(serviceOf(side)).container.getId()]));
    const page = `/chat/bench?messages=${settings.messages}`;
    // Straight to each container on the run's own network: no docker-proxy copying pages on the
    // host's two cores while the containers are measured. The address is read again after a restart.
    const connect = async (side: Side) => {
      const ip = (await docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${run.network!.getName()}").IPAddress}}`, ids.get(side)!])).trim();
      pools.set(side, new Pool(`http://${ip}:${SUNA_PORT}`, { connections: settings.concurrency }));
      await waitFor(`${serviceOf(side)} answering /health at ${ip}`, () => healthy(pools.get(side)!), { timeoutMs: RESTART_TIMEOUT_MS, intervalMs: 200 });
      await sendRequests(pools.get(side)!, page, 2 * settings.requestsPerBlock, settings.concurrency);
    };
    const freshProcesses = async () => {
      await Promise.all([...pools.values()].map((p) => p.close()));
      await Promise.all(SIDES.map((side) => docker(['restart', '--time', '5', ids.get(side)!], RESTART_TIMEOUT_MS)));
      await Promise.all(SIDES.map(connect));
    };
    const cpuNs = async (side: Side) => (await readCgroup(ids.get(side)!)).cpuNs;
    const cpuNsPer = async (side: Side, path: string, count: number, headers?: Record<string, string>) => {
      const before = await cpuNs(side);
      await sendRequests(pools.get(side)!, path, count, settings.concurrency, headers);
      return ((await cpuNs(side)) - before) / count;
    };
    const measureTogether = async (first: Side, second: Side): Promise<[number, number]> => {
      const before = await Promise.all([cpuNs(first), cpuNs(second)]);
      await Promise.all([first, second].map((side) => sendRequests(pools.get(side)!, page, settings.requestsPerBlock, settings.concurrency)));
      const after = await Promise.all([cpuNs(first), cpuNs(second)]);
      return [(after[0] - before[0]) / settings.requestsPerBlock, (after[1] - before[1]) / settings.requestsPerBlock];
    };
    log(`overhead: warming up each side with ${2 * settings.requestsPerBlock} requests`);
    await Promise.all(SIDES.map(connect));

    const main: Round[] = [];
    const control: Round[] = [];
    const began = Date.now();
    const fewestRounds = Math.max(settings.minRounds, MIN_EPOCHS * settings.roundsPerEpoch);
    for (let epoch = 0; main.length < fewestRounds || Date.now() - began < settings.budgetSeconds * 1000; epoch++) {
      if (epoch > 0) await freshProcesses();
      for (let i = 0; i < settings.roundsPerEpoch && (main.length < fewestRounds || Date.now() - began < settings.budgetSeconds * 1000); i++) {
        main.push(await abbaRound<Side>('off', 'on', measureTogether, epoch));
        control.push(await abbaRound<Side>('control-a', 'control-b', measureTogether, epoch));
      }
      log(`overhead: epoch ${epoch + 1} done, ${main.length} rounds in ${((Date.now() - began) / 1000).toFixed(0)} s of ${settings.budgetSeconds} s`);
    }
    const seconds = (Date.now() - began) / 1000;
    const auth = { authorization: basicAuthHeader(run.credentials.values.metricsUser, run.credentials.values.metricsPassword) };
    const scrapeCpuUs = (await cpuNsPer('on', METRICS_PATH, settings.scrapes, auth)) / 1000;
    await checkSwitch(pools, page, auth);
    return { main: estimatePair(main), control: estimatePair(control), scrapeCpuUs, settings, seconds };
  } finally {
    await Promise.allSettled([...pools.values()].map((p) => p.close()));
    await stack.stop();
  }
}

async function healthy(pool: Pool): Promise<true | undefined> {
  const res = await pool.request({ method: 'GET', path: '/health' });
  await res.body.dump();
  return res.statusCode === 200 ? true : undefined;
}

/** The switch must really switch: the page is counted on the `on` side and not on the `off` side. */
async function checkSwitch(pools: Map<Side, Pool>, page: string, headers: Record<string, string>): Promise<void> {
  const pageSeries = 'http_requests_total{method="GET",route="/chat/[threadId]",status_code="200"}';
  for (const side of ['on', 'off'] as const) {
    const res = await pools.get(side)!.request({ method: 'GET', path: METRICS_PATH, headers });
    const text = await res.body.text();
    if (text.includes(pageSeries) !== (side === 'on')) {
      throw new Error(`overhead: instrumentation switch ineffective: ${side} side ${side === 'on' ? 'lacks' : 'has'} ${pageSeries} (requests to ${page})`);
    }
  }
}
