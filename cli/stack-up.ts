import { CREDENTIAL_ENV } from '../stack/model/credentials.ts';
import { GRAFANA_PORT } from '../stack/render/grafana.ts';
import { ensureHostPortFree, portFromEnv } from '../stack/launcher/host-port.ts';
import type { StackInfo } from '../stack/launcher/stack-info.ts';
import { createStackRun } from '../stack/launcher/stack-run.ts';
import { withStack } from '../stack/launcher/with-stack.ts';

// `npm run stack:up`: start the stack, print every URL and credential, keep it up until Ctrl-C.

const log = (line: string) => console.log(`[stack] ${line}`);
// AC 9.1.4: Grafana at http://localhost:3001, published on the host's loopback only.
const GRAFANA_PORT_VARIABLE = 'ONYX_GRAFANA_PORT';
let grafanaPort: number;
try {
  grafanaPort = portFromEnv(GRAFANA_PORT_VARIABLE, GRAFANA_PORT);
  await ensureHostPortFree(grafanaPort, GRAFANA_PORT_VARIABLE);
} catch (error) {
  console.error(`stack:up failed: ${(error as Error).message}`);
  process.exit(1);
}

function printStack(info: StackInfo, postgresPassword: string): void {
  console.log(`\nONYX monitoring stack is up (run ${info.runId}, engine ${info.engineVersion})\n`);
  for (const s of info.services) {
    const where = s.metricsUrl ? `metrics ${s.metricsUrl}` : Object.values(s.urls).join('  ') || '(stack network only)';
    const api = s.urls.http && s.metricsUrl ? `  api ${s.urls.http}` : '';
    console.log(`  ${s.name.padEnd(18)} ${where}${api}`);
  }
  const origin = (name: keyof typeof CREDENTIAL_ENV) =>
    info.credentialOrigin[name] === 'generated' ? `generated for this run; set ${CREDENTIAL_ENV[name]} to choose it` : `from ${CREDENTIAL_ENV[name]}`;
  console.log(`\n  Prometheus UI      ${info.prometheusUrl}`);
  if ('url' in info.grafana) {
    console.log(`  Grafana            ${info.grafana.url}  admin ${info.grafana.adminUser} (${origin('grafanaAdminUser')})`);
    console.log(`  Grafana password   ${info.grafana.adminPassword} (${origin('grafanaAdminPassword')})`);
  } else {
    console.log(`  Grafana            NOT STARTED: ${info.grafana.notRunning}`);
  }
  console.log(`  metrics/API user   ${info.metricsUser} (${origin('metricsUser')})`);
  console.log(`  password           ${info.metricsPassword} (${origin('metricsPassword')})`);
  console.log(`  postgres password  ${postgresPassword} (${origin('postgresPassword')})`);
  console.log(`\nAll ports are on 127.0.0.1. Press Ctrl-C to stop and remove every container and network of this run.`);
}

const run = createStackRun({ onProgress: log, fixedHostPorts: { 'grafana:http': grafanaPort } });
try {
  await withStack(run, async (info) => {
    printStack(info, run.credentials.values.postgresPassword);
    // Up until a signal, whose teardown hook removes the run and exits. A pending promise alone
    // does not keep Node alive; a timer does.
    await new Promise(() => setInterval(() => undefined, 60_000));
  });
} catch (error) {
  console.error(`stack:up failed: ${(error as Error).message}`);
  process.exit(1);
}
