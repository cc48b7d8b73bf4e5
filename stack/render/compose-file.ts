import { stringify } from 'yaml';
import { CREDENTIAL_ENV, DEFAULT_USERS, type Credentials } from '../model/credentials.ts';
import { secretEnvOf, unprivilegedUserOf, type Service, type StackModel } from '../model/schema.ts';
import { cfsQuota, cpuPeriodMsOf } from '../model/caps.ts';
import { deployRuntimeFiles, HEALTH_CREDENTIALS_FILE, monitoringServices, runtimeFileSource } from '../deploy/runtime-files.ts';
import { IMAGE_REPOSITORY_PREFIX } from '../images/recipe.ts';

// The Compose file of the monitoring stack on the VPS, rendered from the model: every service the
// monitoring side deploys (deployedBy 'monitoring'), on the external network the ONYX services
// already use, with the caps of the profile. No secret is in it: passwords are variables of the
// operator's .env, and files that carry a secret are bind-mounted from a folder the operator
// renders at deploy time (`npm run stack:render-secrets`).

export const COMPOSE_FILE = 'docker-compose.monitoring.yml';
export const ENV_EXAMPLE_FILE = '.env.example';
export const VPS_NETWORK = 'manus-network';
/** Variables of the Compose file that are not credentials. */
export const COMPOSE_VARIABLES = {
  network: 'ONYX_NETWORK',
  runtimeDir: 'ONYX_RUNTIME_DIR',
} as const;
export const DEFAULT_RUNTIME_DIR = './runtime';
/** The tag `npm run images:build -- --deploy-tag` gives the built images. */
export const DEPLOY_TAG = 'deploy';

const HEALTH_INTERVAL = '10s';

const variableName = (...parts: string[]) => parts.map((p) => p.toUpperCase().replace(/-/g, '_')).join('_');

export function imageVariable(image: string): string {
  return variableName('ONYX_IMAGE', image);
}

export function portVariable(service: string, portName: string): string {
  return variableName('ONYX_PORT', service, portName);
}

function credentialReference(secret: keyof Credentials): string {
  const variable = CREDENTIAL_ENV[secret];
  const user = DEFAULT_USERS[secret];
  return user !== undefined ? `\${${variable}:-${user}}` : `\${${variable}:?set ${variable} in .env}`;
}

/** Placeholders: only the paths of the runtime files matter here, never their content. */
const PLACEHOLDER_CREDENTIALS: Credentials = {
  metricsUser: 'placeholder',
  metricsPassword: 'placeholder',
  postgresPassword: 'placeholder',
  grafanaAdminUser: 'placeholder',
  grafanaAdminPassword: 'placeholder',
};

/**
 * An HTTP check with bash alone (every image has bash and coreutils; none has curl): one GET over
 * /dev/tcp, healthy on status 200, with the metrics credentials when the path needs them.
 */
export function healthTest(service: Service): string[] | undefined {
  const health = service.health;
  if (health.kind !== 'http') return undefined;
  // An image not built here (Grafana's, on Alpine) has no bash but busybox wget.
  if (service.externalImage) return ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${health.port}${health.path}`];
  const auth = health.withMetricsAuth ? 'Authorization: Basic %s\\r\\n' : '';
  const authArg = health.withMetricsAuth ? ` "$$(base64 -w0 ${HEALTH_CREDENTIALS_FILE})"` : '';
  const script =
    `exec 3<>/dev/tcp/127.0.0.1/${health.port} && ` +
    `printf 'GET ${health.path} HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n${auth}\\r\\n'${authArg} >&3 && ` +
    `read -r _ code _ <&3 && test "$$code" = 200`;
  // A container started as root for its start script: the check runs as the user that script drops to.
  const asUser = unprivilegedUserOf(service);
  const drop = asUser ? ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--init-groups', '--no-new-privs', '--'] : [];
  return ['CMD', ...drop, 'bash', '-c', script];
}

function composeService(stack: StackModel, service: Service, deployed: Set<string>): Record<string, unknown> {
  const cap = stack.profile.caps[service.name]!;
  const cpu = cfsQuota({ cpu: cap.cpu, cpuPeriodMs: cpuPeriodMsOf(stack.profile) });
  const environment: Record<string, string> = { ...service.env };
  for (const [variable, secret] of Object.entries(secretEnvOf(service))) environment[variable] = credentialReference(secret);
  const runtimeDir = `\${${COMPOSE_VARIABLES.runtimeDir}:-${DEFAULT_RUNTIME_DIR}}`;
  const volumes = [
    ...(service.dataDir ? [`${service.name}-data:${service.dataDir}`] : []),
    ...service.hostMounts.map((m) => `${m.source}:${m.target}:ro`),
    ...deployRuntimeFiles(stack, service, PLACEHOLDER_CREDENTIALS).map(
      (f) => `${runtimeDir}/${runtimeFileSource(service.name, f.target)}:${f.target}:ro`,
    ),
  ];
  const ports = service.ports
    .filter((p) => p.publish)
    .map((p) => `127.0.0.1:\${${portVariable(service.name, p.name)}-${p.hostPort ?? p.container}}:${p.container}`);
  const dependsOn = service.dependsOn.filter((d) => deployed.has(d));
  const test = healthTest(service);
  return {
    image: service.externalImage
      ? `\${${service.externalImage.variable}:-${service.externalImage.default}}`
      : `\${${imageVariable(service.image!)}:-${IMAGE_REPOSITORY_PREFIX}/${service.image}:${DEPLOY_TAG}}`,
    ...(service.user ? { user: service.user } : {}),
    ...(service.entrypoint ? { entrypoint: service.entrypoint } : {}),
    ...(service.command.length > 0 ? { command: service.command } : {}),
    ...(Object.keys(environment).length > 0 ? { environment } : {}),
    ...(volumes.length > 0 ? { volumes } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(test ? { healthcheck: { test, interval: HEALTH_INTERVAL, timeout: '5s', retries: 6, start_period: '30s' } } : {}),
    ...(dependsOn.length > 0
      ? { depends_on: Object.fromEntries(dependsOn.map((d) => [d, { condition: 'service_healthy' }])) }
      : {}),
    // The CPU cap as a CFS quota over the profile's period (both Compose v1 and v2 read
    // cpu_period/cpu_quota); `cpus` would set Docker's 100 ms period, and the engine refuses both.
    cpu_period: cpu.CpuPeriod,
    cpu_quota: cpu.CpuQuota,
    // Compose v1 applies mem_limit; `deploy.resources.limits` is what Compose v2 reads.
    mem_limit: `${cap.memoryMiB}m`,
    deploy: { resources: { limits: { memory: `${cap.memoryMiB}M` } } },
    restart: 'unless-stopped',
    networks: [VPS_NETWORK],
  };
}

export function renderComposeFile(stack: StackModel): string {
  const services = monitoringServices(stack);
  const deployed = new Set(services.map((s) => s.name));
  const dataVolumes = services.filter((s) => s.dataDir).map((s) => [`${s.name}-data`, {}]);
  const compose = {
    services: Object.fromEntries(services.map((s) => [s.name, composeService(stack, s, deployed)])),
    networks: { [VPS_NETWORK]: { external: true, name: `\${${COMPOSE_VARIABLES.network}:-${VPS_NETWORK}}` } },
    ...(dataVolumes.length > 0 ? { volumes: Object.fromEntries(dataVolumes) } : {}),
  };
  return `# The monitoring stack of ONYX for the VPS (profile ${stack.profile.name}), rendered from the typed model
# (stack/model) by \`npm run stack:render\`. Do not edit by hand: a unit test fails when it drifts.
# Before \`docker compose up -d\`: an .env beside this file (from ${ENV_EXAMPLE_FILE}), the images
# (\`npm run images:build -- --deploy-tag\`) and the secret-bearing files
# (\`npm run stack:render-secrets -- --env-file .env\`). See "Operate it on the VPS" in README.md.
${stringify(compose, { lineWidth: 0 })}`;
}

/** The .env an operator copies and fills in: every variable the Compose file reads, no secret. */
export function renderEnvExample(stack: StackModel): string {
  const services = monitoringServices(stack);
  const secrets = new Set(services.flatMap((s) => Object.values(secretEnvOf(s))));
  // The health checks and runtime files need the metrics credentials even where no env names them.
  secrets.add('metricsUser').add('metricsPassword');
  const lines = [
    '# The operator\'s .env for docker-compose.monitoring.yml (copy to .env, fill in, never commit).',
    '# The same credentials must be set in the ONYX services that expose /metrics (METRICS_USER, METRICS_PASSWORD).',
    '',
    '# Credentials',
    ...(Object.keys(CREDENTIAL_ENV) as (keyof Credentials)[])
      .filter((s) => secrets.has(s))
      .map((s) => `${CREDENTIAL_ENV[s]}=${DEFAULT_USERS[s] ?? ''}`),
    '',
    '# The network the ONYX services run on',
    `${COMPOSE_VARIABLES.network}=${VPS_NETWORK}`,
    '# Where `npm run stack:render-secrets` wrote the secret-bearing files (relative to this file)',
    `${COMPOSE_VARIABLES.runtimeDir}=${DEFAULT_RUNTIME_DIR}`,
    '',
    '# Host ports, all on 127.0.0.1',
    ...services.flatMap((s) => s.ports.filter((p) => p.publish).map((p) => `${portVariable(s.name, p.name)}=${p.hostPort ?? p.container}`)),
    '',
    `# Images (default: the local build tagged :${DEPLOY_TAG})`,
    ...[...new Set(services.flatMap((s) => (s.image ? [s.image] : [])))].map((i) => `# ${imageVariable(i)}=${IMAGE_REPOSITORY_PREFIX}/${i}:${DEPLOY_TAG}`),
    '',
  ];
  return lines.join('\n');
}
