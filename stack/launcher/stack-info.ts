import { serviceWithRole, type ServiceRole } from '../model/schema.ts';
import type { StackRun } from './stack-run.ts';

/** A plain, serialisable view of a running stack: what suites and reports need to reach it. */
export interface StackInfo {
  runId: string;
  stackName: string;
  engineVersion: string;
  prometheusUrl: string;
  prometheusContainer: string;
  metricsUser: string;
  metricsPassword: string;
  credentialOrigin: Record<string, string>;
  capWarnings: string[];
  /** Grafana's URL and admin, or why it is not running (then every Grafana runtime check is NOT VERIFIED). */
  grafana: { url: string; adminUser: string; adminPassword: string } | { notRunning: string };
  services: {
    name: string;
    container: string;
    image: string;
    cpu: number;
    memoryMiB: number;
    startupSeconds: number;
    urls: Record<string, string>;
    metricsUrl?: string;
    role?: ServiceRole;
    scrapeJob?: string;
    coreService?: string;
  }[];
}

function grafanaOf(run: StackRun): StackInfo['grafana'] {
  const modelled = serviceWithRole(run.model.services, 'grafana');
  if (!modelled) return { notRunning: 'this stack model has no Grafana service' };
  const grafana = run.services.get(modelled.name);
  if (!grafana) return { notRunning: run.skipped.get(modelled.name) ?? `${modelled.name} did not start` };
  const http = grafana.service.ports.find((p) => p.name === 'http')!;
  const { grafanaAdminUser, grafanaAdminPassword } = run.credentials.values;
  return { url: grafana.url(http.container), adminUser: grafanaAdminUser, adminPassword: grafanaAdminPassword };
}

export function describeRun(run: StackRun): StackInfo {
  const modelled = serviceWithRole(run.model.services, 'prometheus');
  if (!modelled) throw new Error(`stack ${run.model.name} has no Prometheus`);
  const prometheus = run.service(modelled.name);
  const api = modelled.ports.find((p) => p.name === 'http')!;
  return {
    runId: run.runId,
    stackName: run.model.name,
    engineVersion: run.engineVersion ?? '?',
    prometheusUrl: prometheus.url(api.container),
    prometheusContainer: prometheus.container.getName().replace(/^\//, ''),
    metricsUser: run.credentials.values.metricsUser,
    metricsPassword: run.credentials.values.metricsPassword,
    credentialOrigin: run.credentials.origin,
    capWarnings: run.capPlan?.warnings ?? [],
    grafana: grafanaOf(run),
    services: [...run.services.values()].map((s) => {
      const cap = run.capPlan!.caps[s.name]!;
      const urls = Object.fromEntries(s.service.ports.filter((p) => p.publish).map((p) => [p.name, s.url(p.container)]));
      return {
        name: s.name,
        container: s.container.getName().replace(/^\//, ''),
        image: run.imageRefs.get(s.name) ?? '?',
        cpu: cap.cpu,
        memoryMiB: cap.memoryMiB,
        startupSeconds: Number(s.startupSeconds.toFixed(2)),
        urls,
        metricsUrl: s.metricsUrl,
        role: s.service.role,
        scrapeJob: s.service.scrape?.job,
        coreService: s.service.scrape?.coreService,
      };
    }),
  };
}
