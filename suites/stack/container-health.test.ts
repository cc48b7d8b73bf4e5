import { beforeAll, expect, it } from 'vitest';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { probeTargets } from '../../stack/render/container-health.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

// The Infrastructure Health dashboard's sources tell the truth: every service probed and up,
// every service's processes found, every cap published as the launcher applied it.

describeOnStack('container health without cAdvisor: blackbox probes, process groups, caps as series', (stack) => {
  const prom = prometheusClient(stack);
  // A service the run could not start (Grafana without its image) is neither probed nor counted.
  const started = new Set(stack.services.map((s) => s.name));
  const byService = (rows: { labels: Record<string, string>; value: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.labels.service ?? '?', r.value]));

  beforeAll(async () => {
    await waitFor('a blackbox probe and a process-exporter scrape stored', async () => {
      const [probes, procs] = await Promise.all([prom.instant('probe_success'), prom.instant('namedprocess_namegroup_num_procs')]);
      return probes.length > 0 && procs.length > 0 ? true : undefined;
    }, { timeoutMs: 60_000 });
  }, 90_000);

  it('blackbox_exporter finds every service up on its health endpoint or port', async () => {
    const success = byService(await prom.instant('probe_success'));
    for (const p of probeTargets(ONYX_STACK).filter((x) => started.has(x.service))) expect(success[p.service], `${p.service} (${p.module} ${p.target})`).toBe(1);
  });

  it('process-exporter finds at least one process of every service, with CPU time and resident memory', async () => {
    const procs = byService(await prom.instant('namedprocess_namegroup_num_procs'));
    const memory = byService(await prom.instant('sum by (service) (namedprocess_namegroup_memory_bytes{memtype="resident"})'));
    for (const s of ONYX_STACK.services.filter((x) => x.processNames.length > 0 && started.has(x.name))) {
      expect(procs[s.name], `${s.name}: processes named ${s.processNames.join(', ')}`).toBeGreaterThanOrEqual(1);
      expect(memory[s.name], `${s.name}: resident memory`).toBeGreaterThan(0);
    }
  });

  it('each service\'s cap is a series equal to the cap its container got', async () => {
    const cpu = byService(await prom.instant('onyx_service_cpu_cap_cores'));
    const memory = byService(await prom.instant('onyx_service_memory_cap_bytes'));
    expect(Object.keys(cpu).sort()).toEqual([...started].sort());
    for (const s of stack.services) {
      expect(cpu[s.name], `${s.name} CPU cap`).toBe(s.cpu);
      expect(memory[s.name], `${s.name} memory cap`).toBe(s.memoryMiB * 1024 * 1024);
    }
  });
});
