import type { ResourceProfile } from './schema.ts';

/**
 * The production VPS (KVM 4: 4 vCPU, 16 GiB) split among the services. Grafana's share is
 * reserved here although it joins the stack in a later step, so adding it changes no other cap.
 *
 * The exporters were at 0.1 CPU: CFS hands out the quota per 100 ms period, so a scrape that needs
 * more CPU than is left in the period waits for the next one. Measured (AC 9.1.3 bench, one request
 * at a time): supabase-exporter and redis-exporter used their whole 0.1 and were throttled in most
 * periods. They got 0.25, node-exporter 0.2, and the database behind postgres_exporter 0.3, taken
 * from Prometheus (0.75 -> 0.5), onyx-core and suna.
 *
 * Prometheus back to 0.8: its 0.5 covered scraping (0.09 CPU used under the bench, never throttled)
 * but not what the VPS also asks of it: rule evaluation every 15 s and the five dashboards' queries
 * (each a PromQL range query over every target), which must answer within a dashboard's 2 s. The
 * 0.3 comes from what the stubs and one exporter left unused under the bench (paced, 8 endpoints,
 * 2026-12-04): qdrant 0.5 -> 0.4 (used 0.045), litellm 0.25 -> 0.2 (0.056), onyx-core 0.55 -> 0.5
 * (0.071), suna 0.4 -> 0.35 (0.061), redis-exporter 0.25 -> 0.2 (0.106, never throttled). The stubs
 * stand in for the real services, whose own load the VPS must still be sized for.
 *
 * Each cap holds over a 1 s CFS period, not Docker's 100 ms (quota = cap x period, so the cap is the
 * same on average). A scrape every 15 s is a burst: a cold one took 14-24 ms of CPU at bad moments here (a Go
 * exporter's sysmon thread polls every 20 us while the scrape runs, and each wake-up is a costly
 * timer on this paravirtualised VM), which a 0.2 CPU cap's 20 ms per 100 ms could not hold, so the
 * container sat throttled for the rest of the period: measured on a running stack (2026-12-05),
 * throttled about 60 ms each time (redis-exporter 13 times, litellm 26, supabase-db 41 in its first
 * 31 minutes) and a Prometheus scrape of 60-110 ms. With the 1 s period, 0 of the core services
 * were throttled in the next 4 minutes and process-exporter's scrape fell from 0.5-0.9 s to 30-45 ms.
 * The price: a container that does use up a whole second's quota waits up to the rest of that second.
 */
export const KVM4: ResourceProfile = {
  name: 'kvm4',
  totalCpu: 4,
  totalMemoryMiB: 16 * 1024,
  cpuPeriodMs: 1000,
  caps: {
    prometheus: { cpu: 0.8, memoryMiB: 2048 },
    grafana: { cpu: 0.5, memoryMiB: 1024 },
    suna: { cpu: 0.35, memoryMiB: 2048 },
    // 0.05 CPU of its 0.7 went to Alertmanager, which idles between rule evaluations.
    'onyx-core': { cpu: 0.5, memoryMiB: 3072 },
    litellm: { cpu: 0.2, memoryMiB: 1024 },
    qdrant: { cpu: 0.4, memoryMiB: 3072 },
    'supabase-db': { cpu: 0.3, memoryMiB: 2048 },
    redis: { cpu: 0.15, memoryMiB: 512 },
    'node-exporter': { cpu: 0.2, memoryMiB: 128 },
    'redis-exporter': { cpu: 0.2, memoryMiB: 128 },
    'supabase-exporter': { cpu: 0.25, memoryMiB: 128 },
    // Container health without cAdvisor: service status and per-service CPU and memory.
    'blackbox-exporter': { cpu: 0.05, memoryMiB: 64 },
    'process-exporter': { cpu: 0.05, memoryMiB: 128 },
    alertmanager: { cpu: 0.05, memoryMiB: 128 },
  },
};
