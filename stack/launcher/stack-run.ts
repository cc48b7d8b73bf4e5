import { getContainerRuntimeClient, StartedNetwork } from 'testcontainers';
import { ensureImage } from '../images/build.ts';
import { planCaps, type CapPlan } from '../model/caps.ts';
import { resolveCredentials, type ResolvedCredentials } from '../model/credentials.ts';
import { ONYX_STACK } from '../model/onyx-stack.ts';
import type { ImageName } from '../model/image-names.ts';
import type { StackModel } from '../model/schema.ts';
import { checkEngine } from '../engine/check-engine.ts';
import { findExternalImage } from './external-image.ts';
import { LABEL, newRunId, runLabels } from './labels.ts';
import { docker } from '../engine/docker-cli.ts';
import { dataVolumeName, holdRun, leftoverNames, removeLeftovers, removeRunResources, resourcesOfRun, type LeftoverReport } from './leftovers.ts';
import { ServiceContainer } from './service-container.ts';
import { runtimeFiles } from './runtime-files/index.ts';
import { StartedService } from './started-service.ts';
import { startWaves } from './start-order.ts';
import { configureTestcontainers } from './testcontainers-env.ts';

export interface StackStartOptions {
  model?: StackModel;
  credentials?: ResolvedCredentials;
  onProgress?: (line: string) => void;
  /** Publish ports on fixed host ports, by `service:port name` (`stack:up`); others get a free port (tests). */
  fixedHostPorts?: Record<string, number>;
}

export class StackStartError extends Error {}

/** One run of the stack: its network, its started services, and how to take it all down. */
export class StackRun {
  readonly runId = newRunId();
  readonly labels: Record<string, string>;
  readonly services = new Map<string, StartedService>();
  network?: StartedNetwork;
  capPlan?: CapPlan;
  engineVersion?: string;
  private waves: string[][] = [];
  /** The image each service ran from. */
  readonly imageRefs = new Map<string, string>();
  /** Services not started, with the reason (an external image that is not available). */
  readonly skipped = new Map<string, string>();
  private runModel?: StackModel;
  private stopping?: Promise<LeftoverReport>;
  /** What start() is creating right now (the network, a wave of containers), settled or not. */
  private creating: Promise<unknown> = Promise.resolve();
  /** Aborted by stop(): a wave's readiness waits give up instead of running to their timeout. */
  private readonly stopRequested = new AbortController();
  /** Keeps another run's start-up sweep in this process from taking this run for a leftover. */
  private readonly releaseRun = holdRun(this.runId);

  constructor(
    readonly model: StackModel,
    readonly credentials: ResolvedCredentials,
    readonly progress: (line: string) => void,
    private readonly fixedHostPorts: Record<string, number> = {},
  ) {
    this.labels = runLabels(model.name, this.runId);
  }

  service(name: string): StartedService {
    const s = this.services.get(name);
    if (!s) throw new Error(`service ${name} is not running in run ${this.runId}`);
    return s;
  }

  /** Stops every service in reverse start order, removes the network, and reports what is left. */
  stop(): Promise<LeftoverReport> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<LeftoverReport> {
    this.progress(`stopping run ${this.runId}...`);
    // A signal during start-up: the wave's readiness waits give up, and what is being created
    // settles (start() creates nothing more once stopping), so nothing appears after the sweep below.
    this.stopRequested.abort();
    await this.creating;
    for (const wave of [...this.waves].reverse()) {
      await Promise.allSettled(
        wave.flatMap((name) => {
          const s = this.services.get(name);
          return s ? [s.container.stop({ timeout: 5_000, remove: true, removeVolumes: true })] : [];
        }),
      );
    }
    await this.network?.stop().catch(() => undefined);
    // Anything of this run a failed or interrupted start created but did not hand back (a container
    // that never became ready), then the volumes. By run id, so another live run is never touched.
    await removeRunResources(this.runId).catch((error: Error) => this.progress(`teardown of run ${this.runId}: ${error.message}`));
    const left = await resourcesOfRun(this.runId);
    this.releaseRun();
    const names = leftoverNames(left);
    this.progress(names.length === 0 ? `run ${this.runId} removed: no container, network or volume left` : `run ${this.runId}: ${names.length} resources left: ${names.join(', ')}`);
    return left;
  }

  /** Starts the stack; on any failure everything started so far is removed before the error is thrown. */
  async start(serviceTimeoutMs: number): Promise<void> {
    this.progress(`run ${this.runId}: starting ${this.model.name}`);
    configureTestcontainers();
    const engine = await checkEngine();
    this.engineVersion = engine.version;
    const swept = await removeLeftovers(this.model.name);
    if (leftoverNames(swept).length > 0) {
      this.progress(`removed leftovers of earlier runs: ${swept.containers.length} containers, ${swept.networks.length} networks, ${swept.volumes?.length ?? 0} volumes`);
    }
    this.capPlan = planCaps(this.model.profile, engine.cpus);
    for (const warning of this.capPlan.warnings) this.progress(`cap: ${warning}`);

    await this.resolveImages();
    // What this run really starts: Prometheus, blackbox_exporter and process-exporter are configured for it.
    this.runModel = { ...this.model, services: this.model.services.filter((s) => !this.skipped.has(s.name)) };
    const waves = startWaves(this.runModel.services);
    try {
      this.network = await this.whileCreating(() => this.createNetwork());
      for (const wave of waves) {
        this.waves.push(wave.map((s) => s.name));
        await this.whileCreating(() => allSettledOrFirstError(wave.map((s) => this.startService(s, serviceTimeoutMs))));
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Builds (or finds cached) every image of ours; finds external images, skipping a service whose image cannot be had. */
  private async resolveImages(): Promise<void> {
    const tags = new Map<ImageName, string>();
    for (const service of this.model.services) {
      if (service.image) {
        if (!tags.has(service.image)) tags.set(service.image, await ensureImage(service.image, { onProgress: this.progress }));
        this.imageRefs.set(service.name, tags.get(service.image)!);
        continue;
      }
      const { variable, default: pinned } = service.externalImage!;
      const found = await findExternalImage(process.env[variable] || pinned);
      if (found.available) this.imageRefs.set(service.name, found.ref);
      else {
        this.skipped.set(service.name, `${found.reason}; set ${variable} to an image that is present`);
        this.progress(`${service.name} NOT STARTED: ${this.skipped.get(service.name)}`);
      }
    }
  }

  private async createNetwork(): Promise<StartedNetwork> {
    const client = await getContainerRuntimeClient();
    const name = `${this.model.name}-${this.runId}`;
    const network = await client.network.create({ Name: name, CheckDuplicate: true, Driver: 'bridge', Labels: this.labels });
    return new StartedNetwork(client, name, network);
  }

  /** Runs one creating step of start(), unless the run is being stopped; stop() waits for it to settle. */
  private async whileCreating<T>(step: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new StackStartError(`run ${this.runId} was stopped during start-up`);
    const result = step();
    this.creating = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** A named volume for a service's data, labelled with the run so that teardown and the sweep find it. */
  private async dataVolume(service: string): Promise<string> {
    const name = dataVolumeName(this.model.name, this.runId, service);
    const labels = Object.entries({ ...this.labels, [LABEL.service]: service }).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    await docker(['volume', 'create', ...labels, name]);
    return name;
  }

  private async startService(service: StackModel['services'][number], timeoutMs: number): Promise<void> {
    const cap = this.capPlan!.caps[service.name]!;
    this.progress(`starting ${service.name} (${this.imageRefs.get(service.name)}, ${cap.cpu} CPU, ${cap.memoryMiB} MiB)...`);
    const began = performance.now();
    const container = new ServiceContainer({
      service,
      imageTag: this.imageRefs.get(service.name)!,
      dataVolume: service.dataDir ? await this.dataVolume(service.name) : undefined,
      cap,
      credentials: this.credentials.values,
      network: this.network!,
      labels: this.labels,
      files: runtimeFiles(this.runModel!, service, this.credentials.values, this.capPlan!.caps),
      startupTimeoutMs: timeoutMs,
      stopping: this.stopRequested.signal,
      hostPorts: Object.fromEntries(
        service.ports.flatMap((p) => {
          const host = this.fixedHostPorts[`${service.name}:${p.name}`];
          return host ? [[p.container, host]] : [];
        }),
      ),
    });
    try {
      const started = await container.start();
      const seconds = (performance.now() - began) / 1000;
      this.services.set(service.name, new StartedService(service, started, seconds));
      this.progress(`${service.name} ready in ${seconds.toFixed(1)} s`);
    } catch (error) {
      if (this.stopping) throw new StackStartError(`run ${this.runId} was stopped while ${service.name} was starting`);
      const awaited = service.health.kind === 'http'
        ? `HTTP 200 from :${service.health.port}${service.health.path}`
        : `the log line /${service.health.pattern}/`;
      const logs = container.lastLogLines();
      throw new StackStartError(
        `${service.name} did not become ready within ${timeoutMs / 1000} s (waited for ${awaited}): ${(error as Error).message}` +
          (logs ? `\n--- last log lines of ${service.name} ---\n${logs}` : ''),
      );
    }
  }
}

/** Waits for every promise (none left creating behind our back), then throws the first failure. */
async function allSettledOrFirstError(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A run of the ONYX stack (or another model), not started yet: install teardown hooks, then start it. */
export function createStackRun(options: StackStartOptions = {}): StackRun {
  return new StackRun(options.model ?? ONYX_STACK, options.credentials ?? resolveCredentials(), options.onProgress ?? (() => {}), options.fixedHostPorts);
}

export const DEFAULT_SERVICE_TIMEOUT_MS = 90_000;
