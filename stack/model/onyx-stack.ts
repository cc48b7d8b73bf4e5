import { KVM4 } from './profiles.ts';
import { StackModel } from './schema.ts';
import { ALERTMANAGER } from './services/alertmanager.ts';
import { BLACKBOX_EXPORTER } from './services/blackbox-exporter.ts';
import { GRAFANA } from './services/grafana.ts';
import { NODE_EXPORTER } from './services/node-exporter.ts';
import { PROCESS_EXPORTER } from './services/process-exporter.ts';
import { PROMETHEUS } from './services/prometheus.ts';
import { REDIS, REDIS_EXPORTER } from './services/redis.ts';
import { STUBS } from './services/stubs.ts';
import { SUPABASE_DB, SUPABASE_EXPORTER } from './services/supabase.ts';

// The ONYX monitoring stack as it runs on the VPS: six core services, the exporters that
// stand in front of those that cannot speak Prometheus themselves, the host's node-exporter,
// and Prometheus. One file per service (or kind) in services/; this file only lists them.

export const ONYX_STACK: StackModel = StackModel.parse({
  name: 'onyx-monitoring',
  scrapeIntervalSeconds: 15,
  scrapeTimeoutSeconds: 10,
  services: [
    ...STUBS,
    REDIS,
    REDIS_EXPORTER,
    SUPABASE_DB,
    SUPABASE_EXPORTER,
    NODE_EXPORTER,
    BLACKBOX_EXPORTER,
    PROCESS_EXPORTER,
    ALERTMANAGER,
    GRAFANA,
    PROMETHEUS,
  ],
  profile: KVM4,
});
