import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { monitoringServices } from '../../stack/deploy/runtime-files.ts';
import { writeDeploymentFiles } from '../../stack/deploy/secrets.ts';
import { ensureImage } from '../../stack/images/build.ts';
import { docker, lines } from '../../stack/engine/docker-cli.ts';
import { LABEL } from '../../stack/launcher/labels.ts';
import { CREDENTIAL_ENV, type ResolvedCredentials } from '../../stack/model/credentials.ts';
import type { StackModel } from '../../stack/model/schema.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { COMPOSE_FILE, COMPOSE_VARIABLES, imageVariable, portVariable } from '../../stack/render/compose-file.ts';
import { GENERATED_DIR } from '../../stack/render/committed-files.ts';

// The committed Compose file brought up with docker-compose, as on the VPS, but on a network of
// this run's own and under a project name of its own. An override file adds the run's labels to
// every container and volume, so the launcher's sweep finds them if this process dies.

export const COMPOSE_PATH = join(REPO_ROOT, GENERATED_DIR, COMPOSE_FILE);

export class ComposeDeployment {
  readonly project: string;
  private dir = '';

  constructor(
    private readonly model: StackModel,
    private readonly credentials: ResolvedCredentials,
    private readonly runLabels: Record<string, string>,
    private readonly network: string,
    private readonly progress: (line: string) => void,
  ) {
    this.project = `onyx-compose-${runLabels[LABEL.run]}`;
  }

  private variables: Record<string, string> = {};

  /** docker-compose with this deployment's project, files and variables (and no stray .env). */
  run(args: string[], timeoutMs = 60_000): Promise<string> {
    const base = ['--project-name', this.project, '--env-file', join(this.dir, 'empty.env'), '-f', COMPOSE_PATH, '-f', join(this.dir, 'labels.yml')];
    return new Promise((resolve, reject) => {
      execFile('docker-compose', [...base, ...args], { env: { PATH: process.env.PATH, ...this.variables }, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`docker-compose ${args[0]} failed: ${(stderr || error.message).trim().split('\n').slice(-5).join(' | ')}`));
        else resolve(stdout);
      });
    });
  }

  async up(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'onyx-compose-'));
    const services = monitoringServices(this.model);
    await writeDeploymentFiles(this.model, join(this.dir, 'runtime'), this.credentials.values);
    await writeFile(join(this.dir, 'empty.env'), '');
    const labels = (name?: string) => ({ labels: { ...this.runLabels, ...(name ? { [LABEL.service]: name } : {}) } });
    await writeFile(
      join(this.dir, 'labels.yml'),
      stringify({
        services: Object.fromEntries(services.map((s) => [s.name, labels(s.name)])),
        volumes: Object.fromEntries(services.filter((s) => s.dataDir).map((s) => [`${s.name}-data`, labels()])),
      }),
    );
    const images: Record<string, string> = {};
    // Grafana's official image is not built here: without it in the engine Compose would try to pull it.
    for (const image of new Set(services.flatMap((s) => (s.image ? [s.image] : [])))) images[imageVariable(image)] = await ensureImage(image, { onProgress: this.progress });
    const ports = services.flatMap((s) => s.ports.filter((p) => p.publish).map((p) => [portVariable(s.name, p.name), ''] as const));
    const c = this.credentials.values;
    this.variables = {
      ...images,
      // Empty: the engine picks free host ports, still on 127.0.0.1.
      ...Object.fromEntries(ports),
      [COMPOSE_VARIABLES.network]: this.network,
      [COMPOSE_VARIABLES.runtimeDir]: join(this.dir, 'runtime'),
      [CREDENTIAL_ENV.metricsUser]: c.metricsUser,
      [CREDENTIAL_ENV.metricsPassword]: c.metricsPassword,
      [CREDENTIAL_ENV.postgresPassword]: c.postgresPassword,
      // Grafana is not brought up here, but Compose interpolates the whole file and requires these.
      [CREDENTIAL_ENV.grafanaAdminUser]: c.grafanaAdminUser,
      [CREDENTIAL_ENV.grafanaAdminPassword]: c.grafanaAdminPassword,
    };
    this.progress(`docker-compose up -d (project ${this.project}, network ${this.network})...`);
    // Only what is built here: Grafana's official image cannot be pulled on our machines.
    const built = monitoringServices(this.model).filter((s) => s.image).map((s) => s.name);
    await this.run(['up', '-d', '--no-build', ...built], 240_000);
  }

  async containerId(service: string): Promise<string> {
    const id = (await this.run(['ps', '-q', service])).trim();
    if (!id) throw new Error(`no container of ${service} in project ${this.project}`);
    return id;
  }

  /** `127.0.0.1:<host port>` of a published container port. */
  async hostAddress(service: string, containerPort: number): Promise<string> {
    return (await this.run(['port', service, String(containerPort)])).trim();
  }

  async healthOf(service: string): Promise<string> {
    return (await docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}', await this.containerId(service)])).trim();
  }

  /** down -v, then what of the project is still there (containers, volumes). */
  async down(): Promise<string[]> {
    if (!this.dir) return [];
    await this.run(['down', '--volumes', '--remove-orphans', '--timeout', '5'], 120_000).catch((e: Error) => this.progress(e.message));
    const filter = `label=com.docker.compose.project=${this.project}`;
    const left = [
      ...lines(await docker(['ps', '-a', '--filter', filter, '--format', 'container {{.Names}}'])),
      ...lines(await docker(['volume', 'ls', '--filter', filter, '--format', 'volume {{.Name}}'])),
    ];
    await rm(this.dir, { recursive: true, force: true });
    this.dir = '';
    return left;
  }
}
