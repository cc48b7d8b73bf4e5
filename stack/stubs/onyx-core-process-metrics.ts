import type { Registry } from 'prom-client';
import { collectedFamily, PythonMetric } from './python-client.ts';
import { collectPythonRuntimeMetrics } from './python-runtime-metrics.ts';
import { instrumentationOff } from './shared/instrumentation.ts';

// What Onyx's API server (v4.6.1) exposes whatever its traffic: prometheus_client's default
// collectors, and the families without labels that modules it imports register, each with its one
// sample. (Its labelled families that only a feature we do not run would move have no samples on
// a single node; the manifest lists them as left out.)

/** backend/Dockerfile at v4.6.1 runs python:3.13-slim; the patch level of its pinned digest is not read, 3.13.0 stands for it. */
const ONYX_PYTHON = { major: '3', minor: '13', patchlevel: '0' };

export function collectOnyxProcessMetrics(registry: Registry): void {
  if (instrumentationOff()) return;
  collectPythonRuntimeMetrics(registry, ONYX_PYTHON);
  // craft_sandbox.py and redis_tenant_work_gating.py: gauges no single-node request moves.
  new PythonMetric(registry, 'onyx_craft_sandbox_provisions_in_progress', 'Number of Craft sandbox provisions currently in flight.', 'gauge');
  new PythonMetric(
    registry,
    'onyx_tenant_work_gating_active_set_size',
    'Current cardinality of the active_tenants sorted set (updated once per generator invocation when the gate reads it).',
    'gauge',
  );
  // connector_state_metrics.py's collector: 1 when its Postgres snapshot succeeded (with no
  // connector configured, the snapshot is empty and its other families have no samples).
  collectedFamily(registry, 'onyx_connector_state_collection_success', 'Whether the latest connector state collection succeeded.', 'gauge', () => [{ value: 1 }]);
}
