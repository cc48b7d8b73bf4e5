import type { Credentials } from '../../model/credentials.ts';
import { ALERTMANAGER_CONFIG_DIR } from '../../model/container-paths.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { renderAlertmanagerConfig } from '../../render/alertmanager-config.ts';
import type { RuntimeFile } from '../service-container.ts';

/** Alertmanager's route and receiver (the web config that puts basic auth on its API and UI comes from its auth kind). */
export function alertmanagerFiles(_stack: StackModel, _service: Service, _credentials: Credentials): RuntimeFile[] {
  return [
    { target: `${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`, content: renderAlertmanagerConfig() },
  ];
}
