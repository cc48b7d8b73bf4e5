import type { ResourceProfile } from './schema.ts';

/**
 * The production VPS (KVM 4: 4 vCPU, 16 GiB) split among the services. Grafana's share is
 * reserved here although it joins the stack in a later step, so adding it changes no other cap.
 */
export const KVM4: ResourceProfile = {
  name: 'kvm4',
  totalCpu: 4,
  totalMemoryMiB: 16 * 1024,
  caps: {
    prometheus: { cpu: 0.75, memoryMiB: 2048 },
    grafana: { cpu: 0.5, memoryMiB: 1024 },
    suna: { cpu: 0.5, memoryMiB: 2048 },
    // 0.05 CPU of its 0.7 went to Alertmanager, which idles between rule evaluations.
    'onyx-core': { cpu: 0.65, memoryMiB: 3072 },
    litellm: { cpu: 0.25, memoryMiB: 1024 },
    qdrant: { cpu: 0.5, memoryMiB: 3072 },
    'supabase-db': { cpu: 0.25, memoryMiB: 2048 },
    redis: { cpu: 0.15, memoryMiB: 512 },
    'node-exporter': { cpu: 0.1, memoryMiB: 128 },
    'redis-exporter': { cpu: 0.1, memoryMiB: 128 },
    'supabase-exporter': { cpu: 0.1, memoryMiB: 128 },
    // Container health without cAdvisor: service status and per-service CPU and memory.
    'blackbox-exporter': { cpu: 0.05, memoryMiB: 64 },
    'process-exporter': { cpu: 0.05, memoryMiB: 128 },
    alertmanager: { cpu: 0.05, memoryMiB: 128 },
  },
};
