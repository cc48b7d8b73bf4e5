import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { monitoringServices } from '../../stack/deploy/runtime-files.ts';
import { parseTarget, type TargetFile } from '../../stack/deploy/target.ts';
import { docker } from '../../stack/engine/docker-cli.ts';
import { PrometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { createStackRun, DEFAULT_SERVICE_TIMEOUT_MS, type StackRun } from '../../stack/launcher/stack-run.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { resolveCredentials } from '../../stack/model/credentials.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { StackModel } from '../../stack/model/schema.ts';
import { gatherAc911Evidence, judgeAc911, scrapedJobs } from '../checks/ac-9-1-1.ts';
import { endpointAuthProblems } from '../checks/endpoint-auth.ts';
import { waitFor } from '../checks/wait.ts';
import { ComposeDeployment } from './compose-deployment.ts';
import { describeOnStack } from './stack-context.ts';
import { runVerifyTarget } from './verify-target-run.ts';

// The rendered Compose file for the VPS, brought up for real with Debian's docker-compose 1.29:
// the monitoring side from the Compose file, the ONYX side (stubs, Redis, PostgreSQL) started by
// the launcher on a network of this run's own, which plays manus-network.

const log = (line: string) => process.stderr.write(`[compose] ${line}\n`);
const composeVersion = (() => {
  try {
    return execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
const onyxSide = StackModel.parse({ ...ONYX_STACK, services: ONYX_STACK.services.filter((s) => s.deployedBy === 'onyx') });
// Only what is built here comes up: Grafana's official image cannot be pulled on our machines.
const deployed = monitoringServices(ONYX_STACK).filter((s) => s.image);

function composeSuite(): void {
  let run: StackRun;
  let compose: ComposeDeployment;
  let info: StackInfo;
  let target: TargetFile;
  const credentials = resolveCredentials({});
  const env = { ONYX_METRICS_USER: credentials.values.metricsUser, ONYX_METRICS_PASSWORD: credentials.values.metricsPassword };
  const began = Date.now();

  beforeAll(async () => {
    run = createStackRun({ model: onyxSide, credentials, onProgress: log });
    await run.start(DEFAULT_SERVICE_TIMEOUT_MS);
    compose = new ComposeDeployment(ONYX_STACK, credentials, run.labels, run.network!.getName(), log);
    await compose.up();
    await waitFor(
      `every service of ${compose.project} healthy`,
      async () => ((await Promise.all(deployed.map((s) => compose.healthOf(s.name)))).every((h) => h === 'healthy') ? true : undefined),
      { timeoutMs: 120_000, intervalMs: 2_000, onProgress: log },
    );
    log(`onyx side and compose project up in ${((Date.now() - began) / 1000).toFixed(0)} s`);
    // The deployment as an operator's target file names it: the Compose side's published ports,
    // the ONYX side's endpoints from the launcher.
    const endpoints: Record<string, string> = {};
    for (const s of run.services.values()) if (s.service.scrape && s.metricsUrl) endpoints[s.service.scrape.job] = s.metricsUrl;
    for (const s of deployed) {
      if (s.scrape) endpoints[s.scrape.job] = `http://${await compose.hostAddress(s.name, s.scrape.port)}${s.scrape.metricsPath}`;
    }
    const prometheus = deployed.find((s) => s.name === 'prometheus')!;
    target = {
      name: compose.project,
      prometheus: { url: `http://${await compose.hostAddress('prometheus', prometheus.ports[0]!.container)}`, container: await compose.containerId('prometheus') },
      credentials: { metricsUser: { env: 'ONYX_METRICS_USER' }, metricsPassword: { env: 'ONYX_METRICS_PASSWORD' } },
      endpoints,
    };
    info = parseTarget(stringify(target), 'compose-deployment', ONYX_STACK, env).info;
  }, 600_000);

  afterAll(async () => {
    await compose?.down();
    await run?.stop();
  }, 180_000);

  it('runs every monitoring service of the model, healthy, with its cap and its ports on 127.0.0.1 only', async () => {
    for (const s of deployed) {
      const id = await compose.containerId(s.name);
      const format = '{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.Memory}} {{json .HostConfig.PortBindings}}';
      const [period, quota, memory, bindings] = (await docker(['inspect', '--format', format, id])).trim().split(' ');
      const cap = ONYX_STACK.profile.caps[s.name]!;
      expect(Number(period), s.name).toBe(1_000_000);
      expect(Number(quota), s.name).toBe(Math.round(cap.cpu * 1_000_000));
      expect(Number(memory), s.name).toBe(cap.memoryMiB * 2 ** 20);
      for (const b of Object.values(JSON.parse(bindings!) as Record<string, { HostIp: string }[]>).flat()) expect(b.HostIp, s.name).toBe('127.0.0.1');
    }
  });

  it('passes AC 9.1.1: every target up, scraped every 15 s ± 1 s, promtool check config', async () => {
    const result = judgeAc911(await gatherAc911Evidence(info, log), scrapedJobs(info));
    log(`AC 9.1.1 on the Compose deployment: ${result.result}, ${result.figure} (${((Date.now() - began) / 1000).toFixed(0)} s after start)`);
    expect(result.result, `${result.figure}\n${result.details.join('\n')}`).toBe('PASS');
  });

  it('guards every metrics endpoint of the Compose side: no, wrong and malformed credentials get 400/401', async () => {
    for (const s of info.services.filter((x) => deployed.some((d) => d.name === x.name))) {
      expect(await endpointAuthProblems(s.metricsUrl!, info.metricsUser, info.metricsPassword), s.name).toEqual([]);
    }
  });

  it('verify --target fails naming the job once a target of the deployment is down', async () => {
    await compose.run(['stop', '--timeout', '5', 'node-exporter']);
    const prom = new PrometheusClient(info.prometheusUrl, info.metricsUser, info.metricsPassword);
    await waitFor('Prometheus to see node-exporter down', async () => ((await prom.instant('up{job="node-exporter"}'))[0]?.value === 0 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 2_000,
    });
    const verify = await runVerifyTarget(target, env);
    expect(verify.exitCode, verify.output).toBe(1);
    expect(verify.report?.target?.name).toBe(compose.project);
    expect(verify.report?.results[0]?.details).toContain('node-exporter: down (up=0)');
  });

  it('goes down with docker-compose down -v, leaving no container, volume or network of the run', async () => {
    expect(await compose.down()).toEqual([]);
    const left = await run.stop();
    expect([...left.containers, ...left.networks, ...(left.volumes ?? [])]).toEqual([]);
  });
}

describeOnStack('the rendered VPS Compose file', () => {
  if (composeVersion) describe(`under docker-compose ${composeVersion}`, composeSuite);
  else describe.skip('(NOT VERIFIED: docker-compose is not installed; stack/engine/bootstrap-docker.sh installs it)', () => it('needs docker-compose', () => undefined));
});
