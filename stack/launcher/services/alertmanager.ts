import type { Credentials } from '../../model/credentials.ts';
import { ALERTMANAGER_CONFIG_DIR } from '../../model/onyx-stack.ts';
import type { Service, StackModel } from '../../model/schema.ts';
import { renderAlertmanagerConfig } from '../../render/alertmanager-config.ts';
import { renderWebConfig } from '../../render/exporter-auth.ts';
import { AlertmanagerClient } from '../alertmanager-client.ts';
import type { RuntimeFile } from '../service-container.ts';
import type { StackInfo } from '../stack-info.ts';

/** Alertmanager's route and receiver, and the web config that puts basic auth on its API and UI. */
export function alertmanagerFiles(_stack: StackModel, _service: Service, c: Credentials): RuntimeFile[] {
  return [
    { target: `${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`, content: renderAlertmanagerConfig() },
    { target: `${ALERTMANAGER_CONFIG_DIR}/web-config.yml`, content: renderWebConfig(c.metricsUser, c.metricsPassword) },
  ];
}

/** A client for the running stack's Alertmanager API, with the run's credentials. */
export function alertmanagerClient(info: StackInfo): AlertmanagerClient {
  const service = info.services.find((s) => s.name === 'alertmanager');
  if (!service?.urls.http) throw new Error(`run ${info.runId} has no Alertmanager`);
  return new AlertmanagerClient(service.urls.http, info.metricsUser, info.metricsPassword);
}
