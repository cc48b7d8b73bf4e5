import type { Credentials } from '../../model/credentials.ts';
import { ALERTMANAGER_CONFIG_DIR } from '../../model/container-paths.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { renderAlertmanagerConfig } from '../../render/alertmanager-config.ts';
import { renderWebConfig } from '../../render/exporter-auth.ts';
import type { RuntimeFile } from '../service-container.ts';

/** Alertmanager's route and receiver, and the web config that puts basic auth on its API and UI. */
export function alertmanagerFiles(_stack: StackModel, _service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: `${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`, content: renderAlertmanagerConfig() },
    { target: `${ALERTMANAGER_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) },
  ];
}
