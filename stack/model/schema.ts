import { z } from 'zod';
import { IMAGE_NAMES } from './image-names.ts';

// The typed model of the stack: the one source the Prometheus config, the launcher and the
// rendered files all come from. Secrets never appear here: only the names of the credentials.

/**
 * Files a product needs at start beyond its auth (its config, rendered with this run's credentials
 * or caps): each kind has one recipe in stack/launcher/runtime-files/, so a kind without one is a
 * type error. A service that needs none (an exporter behind the auth proxy) names none.
 */
export const RUNTIME_CONFIGS = ['prometheus', 'alertmanager', 'grafana', 'node-exporter-caps', 'blackbox-probes', 'process-groups'] as const;
export type RuntimeConfig = (typeof RUNTIME_CONFIGS)[number];

/** The six ONYX services whose metrics AC 9.1.1 requires. */
export const CORE_SERVICES = ['suna', 'onyx-core', 'qdrant', 'supabase', 'redis', 'litellm'] as const;

/** A credential the launcher resolves at start (from the environment, or generated for a test run). */
export const SecretName = z.enum(['metricsUser', 'metricsPassword', 'postgresPassword', 'grafanaAdminUser', 'grafanaAdminPassword']);
export type SecretName = z.infer<typeof SecretName>;

const dnsName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a DNS label: lower case, digits and -');
const port = z.number().int().min(1).max(65535);

export const Port = z.object({
  name: z.string().min(1),
  container: port,
  /** Published on 127.0.0.1 of the host (on a free port chosen by the engine). */
  publish: z.boolean().default(false),
  /** The fixed host port of the Compose file on the VPS (default: the container port). */
  hostPort: port.optional(),
});

export const Health = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), port, path: z.string().startsWith('/'), withMetricsAuth: z.boolean().default(false) }),
  z.object({ kind: z.literal('log'), pattern: z.string().min(1) }),
]);
export type Health = z.infer<typeof Health>;

const urlPath = z.string().regex(/^\/[A-Za-z0-9._\/-]*$/);

/**
 * How a service guards its HTTP endpoints (basic auth with the run's metrics credentials, unless
 * said otherwise). Each kind has one place that acts on it: the launcher's runtime files, the
 * committed files in stack/generated/ and the image's start script follow from it, never from a name.
 */
export const ServiceAuth = z.discriminatedUnion('kind', [
  /** Its own basic auth from exporter-toolkit's `--web.config.file`: `configDir`/web-config.yml, with this run's bcrypt hash. */
  z.object({ kind: z.literal('web-config'), configDir: z.string().startsWith('/') }),
  /** The stub runtime checks basic auth on its metrics path against METRICS_USER and METRICS_PASSWORD in its environment. */
  z.object({ kind: z.literal('stub-runtime') }),
  /**
   * The exporter has no basic auth, or answers 200 to any method and path: it listens on
   * 127.0.0.1:innerPort in its container and nginx on the scrape port does the auth, serving GET and
   * HEAD of the metrics path (and `extraPaths`) only: 404 for other paths, 405 for other methods.
   */
  z.object({ kind: z.literal('auth-proxy'), innerPort: port, extraPaths: z.array(urlPath).default([]) }),
  /** Its own users and login page (Grafana: the admin from the environment, no anonymous access, no sign-up). */
  z.object({ kind: z.literal('own-login') }),
  /** No HTTP endpoint (a database): the exporter in front of it is what Prometheus scrapes, and that one is guarded. */
  z.object({ kind: z.literal('none') }),
]);
export type ServiceAuth = z.infer<typeof ServiceAuth>;

/** What the harness reaches a service for: the stack's Prometheus, its Alertmanager, its Grafana. */
export const SERVICE_ROLES = ['prometheus', 'alertmanager', 'grafana'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export const ScrapeJob = z.object({
  job: dnsName,
  port,
  metricsPath: z.string().startsWith('/'),
  /** Which of the six core services of ONYX this job covers; absent for platform exporters. */
  coreService: z.enum(CORE_SERVICES).optional(),
  /** Labels dropped before storage (personal data the product puts in labels). */
  dropLabels: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)).default([]),
  /** Keep labels the target exposes over the target's own (node_exporter's textfile of caps labels each cap with its service). */
  honorLabels: z.boolean().default(false),
  /** Copy this exposed label into `service` (process-exporter's groupname is the service whose processes it counts). */
  serviceFromLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/).optional(),
  /** This exporter is blackbox_exporter: a second job of this name probes every other service's health check through it. */
  probeJob: dnsName.optional(),
});
export type ScrapeJob = z.infer<typeof ScrapeJob>;

export const Cap = z.object({
  cpu: z.number().positive(),
  memoryMiB: z.number().int().positive(),
});
export type Cap = z.infer<typeof Cap>;

export const Service = z.object({
  name: dnsName,
  description: z.string().min(1),
  /** An image built here (stack/images/<name>/); or else `externalImage`. */
  image: z.enum(IMAGE_NAMES).optional(),
  /** An official image used as it is (never built here): the variable that names it, and its pinned default. */
  externalImage: z.object({ variable: z.string().regex(/^[A-Z][A-Z0-9_]*$/), default: z.string().min(1) }).optional(),
  entrypoint: z.array(z.string()).optional(),
  command: z.array(z.string()).default([]),
  /** The user the container starts as, when not the image's (a start script that drops privileges itself). */
  user: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).default({}),
  /** Environment variables whose values are credentials, resolved at start. */
  secretEnv: z.record(z.string(), SecretName).default({}),
  ports: z.array(Port).default([]),
  health: Health,
  dependsOn: z.array(dnsName).default([]),
  scrape: ScrapeJob.optional(),
  /**
   * Who deploys it on the VPS. `onyx`: a service of the ONYX platform itself (here a stub or a
   * stand-in, there the real product on manus-network); the monitoring Compose file leaves it out.
   */
  deployedBy: z.enum(['monitoring', 'onyx']).default('monitoring'),
  /** Where the service keeps data that must outlive the container (a named volume in the Compose file). */
  dataDir: z.string().startsWith('/').optional(),
  /** The names (comm, 15 characters at most) of the service's processes, for process-exporter. */
  processNames: z.array(z.string().min(1).max(15)).default([]),
  /** How it guards its HTTP endpoints: decides the auth files written at start and committed. */
  auth: ServiceAuth,
  /** The part it plays for the harness (the one Prometheus it queries, ...), so no code finds a service by name. */
  role: z.enum(SERVICE_ROLES).optional(),
  /** Its product's runtime config, if any (see RUNTIME_CONFIGS). */
  runtimeConfig: z.enum(RUNTIME_CONFIGS).optional(),
  /** Host paths mounted read-only (node-exporter reads the host's /proc and /sys). */
  hostMounts: z.array(z.object({ source: z.string(), target: z.string() })).default([]),
});
export type Service = z.infer<typeof Service>;

/** The service that plays `role`, if the stack has one. */
export function serviceWithRole<S extends { role?: ServiceRole | undefined }>(services: Iterable<S>, role: ServiceRole): S | undefined {
  for (const s of services) if (s.role === role) return s;
  return undefined;
}

/** The stub runtime reads the metrics credentials from these variables. */
export const STUB_RUNTIME_CREDENTIALS = { METRICS_USER: 'metricsUser', METRICS_PASSWORD: 'metricsPassword' } as const satisfies Record<string, SecretName>;

/** Every credential variable a service's container gets: its own, and those its auth kind reads. */
export function secretEnvOf(service: Service): Record<string, SecretName> {
  return { ...(service.auth.kind === 'stub-runtime' ? STUB_RUNTIME_CREDENTIALS : {}), ...service.secretEnv };
}

/** The web config a `web-config` service reads. */
export function webConfigPath(configDir: string): string {
  return `${configDir}/web-config.yml`;
}
export type ServiceInput = z.input<typeof Service>;

export const ResourceProfile = z.object({
  name: z.string(),
  totalCpu: z.number().positive(),
  totalMemoryMiB: z.number().int().positive(),
  caps: z.record(dnsName, Cap),
  /**
   * The CFS period each CPU cap is enforced over (the kernel takes 1 to 1000 ms); without it,
   * Docker's `--cpus` period of 100 ms. The cap is the same either way: quota = cap x period.
   */
  cpuPeriodMs: z.number().int().min(1).max(1000).optional(),
});
export type ResourceProfile = z.infer<typeof ResourceProfile>;

/** The one start script a container may start as another user (root) for: it drops to `--as <user>` at once. */
export const PRIVILEGE_DROPPER = 'keep-name-in-hosts';

/** The user a container started as another user drops to (`keep-name-in-hosts --as <user>`), if it was. */
export function unprivilegedUserOf(service: Pick<Service, 'user' | 'entrypoint' | 'command'>): string | undefined {
  if (service.user === undefined) return undefined;
  const starts = [...(service.entrypoint ?? []), ...service.command];
  return starts[0] === PRIVILEGE_DROPPER && starts[1] === '--as' ? starts[2] : undefined;
}

export const StackModel = z
  .object({
    name: dnsName,
    scrapeIntervalSeconds: z.number().int().positive(),
    scrapeTimeoutSeconds: z.number().int().positive(),
    services: z.array(Service).min(1),
    profile: ResourceProfile,
  })
  .superRefine((stack, ctx) => {
    const names = new Set<string>();
    for (const s of stack.services) {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', message: `service ${s.name} is defined twice` });
      names.add(s.name);
    }
    for (const s of stack.services) {
      if ((s.image === undefined) === (s.externalImage === undefined)) {
        ctx.addIssue({ code: 'custom', message: `${s.name} needs exactly one of image and externalImage` });
      }
      for (const d of s.dependsOn) {
        if (!names.has(d)) ctx.addIssue({ code: 'custom', message: `${s.name} depends on unknown service ${d}` });
      }
      if (!stack.profile.caps[s.name]) {
        ctx.addIssue({ code: 'custom', message: `profile ${stack.profile.name} has no cap for ${s.name}` });
      }
      const auth = s.auth;
      if (auth.kind === 'auth-proxy') {
        if (!s.scrape) ctx.addIssue({ code: 'custom', message: `${s.name} has an auth proxy but no scrape job for it to guard` });
        if (![...(s.entrypoint ?? []), ...s.command].some((arg) => arg.endsWith(`127.0.0.1:${auth.innerPort}`))) {
          ctx.addIssue({ code: 'custom', message: `${s.name}: its command must make the exporter listen on 127.0.0.1:${auth.innerPort}, the auth proxy's inner port` });
        }
        if (s.ports.some((p) => p.container === auth.innerPort)) {
          ctx.addIssue({ code: 'custom', message: `${s.name}: the auth proxy's inner port ${auth.innerPort} must not be a published port` });
        }
      }
      if (auth.kind === 'web-config' && !s.command.includes(`--web.config.file=${webConfigPath(auth.configDir)}`)) {
        ctx.addIssue({ code: 'custom', message: `${s.name}: its command must read --web.config.file=${webConfigPath(auth.configDir)}, where its auth is written` });
      }
      if (s.user !== undefined && ['', 'root', '0'].includes(unprivilegedUserOf(s) ?? '')) {
        ctx.addIssue({ code: 'custom', message: `${s.name}: started as ${s.user}, it must run ${PRIVILEGE_DROPPER} --as <an unprivileged user> first` });
      }
      if (s.scrape && !s.ports.some((p) => p.container === s.scrape!.port)) {
        ctx.addIssue({ code: 'custom', message: `${s.name} scrapes port ${s.scrape.port}, which it does not declare` });
      }
    }
    for (const role of SERVICE_ROLES) {
      const holders = stack.services.filter((s) => s.role === role).map((s) => s.name);
      if (holders.length > 1) ctx.addIssue({ code: 'custom', message: `role ${role} is played by ${holders.join(' and ')}: at most one service per role` });
    }
    const jobs = stack.services.flatMap((s) => (s.scrape ? [s.scrape.job, ...(s.scrape.probeJob ? [s.scrape.probeJob] : [])] : []));
    if (new Set(jobs).size !== jobs.length) ctx.addIssue({ code: 'custom', message: 'scrape job names must be unique' });
    const cpu = Object.values(stack.profile.caps).reduce((sum, c) => sum + c.cpu, 0);
    const mem = Object.values(stack.profile.caps).reduce((sum, c) => sum + c.memoryMiB, 0);
    if (cpu > stack.profile.totalCpu + 1e-9) {
      ctx.addIssue({ code: 'custom', message: `profile ${stack.profile.name}: caps sum to ${Number(cpu.toFixed(3))} CPU, more than its ${stack.profile.totalCpu}` });
    }
    if (mem > stack.profile.totalMemoryMiB) {
      ctx.addIssue({ code: 'custom', message: `profile ${stack.profile.name}: caps sum to ${mem} MiB, more than its ${stack.profile.totalMemoryMiB}` });
    }
    if (stack.scrapeTimeoutSeconds > stack.scrapeIntervalSeconds) {
      ctx.addIssue({ code: 'custom', message: 'scrape timeout must not exceed the scrape interval' });
    }
  });
export type StackModel = z.infer<typeof StackModel>;
/** What a stack file writes before parsing: `satisfies StackModelInput` lets tsc name a missing field. */
export type StackModelInput = z.input<typeof StackModel>;
