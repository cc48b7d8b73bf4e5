import { GenericContainer, Wait, type StartedNetwork } from 'testcontainers';
import { cfsQuota, type EffectiveCap } from '../model/caps.ts';
import type { Credentials } from '../model/credentials.ts';
import { secretEnvOf, type Service } from '../model/schema.ts';
import { AbortableWait } from './abortable-wait.ts';
import { LABEL } from './labels.ts';

const LOG_LINES_KEPT = 20;

export interface RuntimeFile {
  target: string;
  content: string;
  mode?: number;
}

export interface ServiceContainerOptions {
  service: Service;
  imageTag: string;
  /** A named volume mounted at the service's dataDir. */
  dataVolume?: string;
  cap: EffectiveCap;
  credentials: Credentials;
  network: StartedNetwork;
  labels: Record<string, string>;
  files: RuntimeFile[];
  startupTimeoutMs: number;
  /** Aborted when the run is being stopped: the readiness wait then gives up at once. */
  stopping: AbortSignal;
  /** Container port -> fixed host port on 127.0.0.1; other published ports get a free one. */
  hostPorts?: Record<number, number>;
}

/**
 * A container built from a service of the model: its image, command, environment, cap, network
 * alias, labels, runtime files and readiness check. Ports are published on 127.0.0.1 only.
 */
export class ServiceContainer extends GenericContainer {
  /** The container's last log lines, kept from the start so a failed start can show them. */
  private readonly recentLogs: string[] = [];

  constructor(private readonly options: ServiceContainerOptions) {
    super(options.imageTag);
    const { service, cap, credentials } = options;
    const env: Record<string, string> = { ...service.env };
    for (const [variable, secret] of Object.entries(secretEnvOf(service))) env[variable] = credentials[secret];

    this.withName(`${options.labels[LABEL.stack]}-${options.labels[LABEL.run]}-${service.name}`)
      .withNetwork(options.network)
      .withNetworkAliases(service.name)
      .withLabels({ ...options.labels, [LABEL.service]: service.name })
      .withEnvironment(env)
      .withResourcesQuota({ memory: cap.memoryMiB / 1024 })
      .withStartupTimeout(options.startupTimeoutMs)
      .withWaitStrategy(this.readiness())
      .withLogConsumer((stream) => {
        stream.on('data', (chunk: Buffer | string) => {
          for (const line of chunk.toString().split('\n')) if (line.trim()) this.recentLogs.push(line);
          this.recentLogs.splice(0, Math.max(0, this.recentLogs.length - LOG_LINES_KEPT));
        });
      });
    // The CPU cap as a CFS quota over the profile's period: withResourcesQuota's `cpu` is Docker's
    // NanoCpus, whose period is always 100 ms.
    Object.assign(this.hostConfig, cfsQuota(cap));
    if (service.user) this.withUser(service.user);
    if (service.entrypoint) this.withEntrypoint(service.entrypoint);
    if (service.command.length > 0) this.withCommand(service.command);
    const published = service.ports.filter((p) => p.publish).map((p) => p.container);
    const fixed = options.hostPorts ?? {};
    if (published.length > 0) this.withExposedPorts(...published.map((p) => (fixed[p] ? { container: p, host: fixed[p] } : p)));
    // A source that is not a path is a named volume to the engine.
    const mounts: { source: string; target: string; mode: 'ro' | 'rw' }[] = service.hostMounts.map((m) => ({ ...m, mode: 'ro' }));
    if (options.dataVolume && service.dataDir) mounts.push({ source: options.dataVolume, target: service.dataDir, mode: 'rw' });
    if (mounts.length > 0) this.withBindMounts(mounts);
    if (options.files.length > 0) this.withCopyContentToContainer(options.files);
  }

  lastLogLines(): string {
    return this.recentLogs.join('\n');
  }

  private readiness(): AbortableWait {
    const { health } = this.options.service;
    if (health.kind === 'log') return new AbortableWait(Wait.forLogMessage(new RegExp(health.pattern)), this.options.stopping);
    const wait = Wait.forHttp(health.path, health.port).forStatusCode(200);
    const { metricsUser, metricsPassword } = this.options.credentials;
    return new AbortableWait(health.withMetricsAuth ? wait.withBasicCredentials(metricsUser, metricsPassword) : wait, this.options.stopping);
  }

  // Testcontainers publishes on every host address; the SPEC allows loopback only.
  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as { HostIp?: string }[][]) {
      for (const binding of bindings) binding.HostIp = '127.0.0.1';
    }
  }
}
