import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { planCaps } from '../../../stack/model/caps.ts';
import { probeTargets, renderBlackboxConfig, renderCapsTextfile, renderProcessExporterConfig } from '../../../stack/render/container-health.ts';
import { renderPrometheusConfig } from '../../../stack/render/prometheus-config.ts';

describe('container health sources rendered from the model', () => {
  it('probes every service but blackbox_exporter itself, HTTP where it has a health path, TCP otherwise', () => {
    const probes = probeTargets(ONYX_STACK);
    expect(probes.map((p) => p.service).sort()).toEqual(ONYX_STACK.services.map((s) => s.name).filter((n) => n !== 'blackbox-exporter').sort());
    expect(probes.find((p) => p.service === 'suna')).toEqual({ service: 'suna', module: 'http_2xx', target: 'http://suna:3000/health' });
    expect(probes.find((p) => p.service === 'redis')).toEqual({ service: 'redis', module: 'tcp_connect', target: 'redis:6379' });
    expect(probes.find((p) => p.service === 'prometheus')?.module).toBe('http_2xx_metrics_auth');
  });

  it('the probe job asks blackbox_exporter, with basic auth, and labels each probe with its service', () => {
    const config = parse(renderPrometheusConfig(ONYX_STACK, { metricsUser: 'prometheus' }));
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'blackbox');
    expect(job.metrics_path).toBe('/probe');
    expect(job.basic_auth.password_file).toBeDefined();
    expect(job.relabel_configs.at(-1)).toEqual({ target_label: '__address__', replacement: 'blackbox-exporter:9115' });
    expect(job.static_configs[0].labels).toEqual({ service: 'suna', __param_module: 'http_2xx' });
  });

  it('authenticated probes read the password from a file, never from the config', () => {
    const modules = parse(renderBlackboxConfig('prometheus')).modules;
    expect(modules.http_2xx_metrics_auth.http.basic_auth).toEqual({ username: 'prometheus', password_file: '/etc/onyx/secrets/metrics-password' });
    expect(modules.http_2xx.http.basic_auth).toBeUndefined();
  });

  it('names one process group per service after the service', () => {
    const groups = parse(renderProcessExporterConfig(ONYX_STACK)).process_names as { name: string; comm: string[] }[];
    expect(groups.find((g) => g.name === 'onyx-core')).toEqual({ name: 'onyx-core', comm: ['onyx-onyx-core'] });
    expect(new Set(groups.flatMap((g) => g.comm)).size).toBe(groups.flatMap((g) => g.comm).length);
  });

  it('publishes each cap as the container gets it, clamped CPU included', () => {
    const { caps } = planCaps({ name: 'tiny', totalCpu: 4, totalMemoryMiB: 1024, caps: { a: { cpu: 3, memoryMiB: 512 } } }, 2);
    expect(renderCapsTextfile(caps)).toContain('onyx_service_cpu_cap_cores{service="a"} 2\n');
    expect(renderCapsTextfile(caps)).toContain(`onyx_service_memory_cap_bytes{service="a"} ${512 * 1024 * 1024}\n`);
  });
});
