import { request } from 'undici';
import { basicAuthHeader } from '../model/credentials.ts';
import type { StackInfo } from './stack-info.ts';
import { serviceWithRole } from '../model/schema.ts';

export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** In the future while firing; at or before now once Prometheus sent it resolved. */
  endsAt: string;
  status: { state: string };
}

/** The few Alertmanager API v2 calls the harness needs, with the stack's basic auth. */
export class AlertmanagerClient {
  private readonly auth: string;

  constructor(readonly baseUrl: string, user: string, password: string) {
    this.auth = basicAuthHeader(user, password);
  }

  private async get<T>(path: string): Promise<T> {
    const res = await request(`${this.baseUrl}${path}`, { headers: { authorization: this.auth }, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`Alertmanager ${path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  /** Alerts Alertmanager holds now, optionally only those with this alertname. */
  async alerts(alertname?: string): Promise<ActiveAlert[]> {
    const filter = alertname ? `?filter=${encodeURIComponent(`alertname="${alertname}"`)}` : '';
    return this.get<ActiveAlert[]>(`/api/v2/alerts${filter}`);
  }

  async status(): Promise<{ cluster: { status: string }; config: { original: string } }> {
    return this.get('/api/v2/status');
  }
}

/** A client for the running stack's Alertmanager API, with the run's credentials. */
export function alertmanagerClient(info: StackInfo): AlertmanagerClient {
  const service = serviceWithRole(info.services, 'alertmanager');
  if (!service?.urls.http) throw new Error(`run ${info.runId} has no Alertmanager`);
  return new AlertmanagerClient(service.urls.http, info.metricsUser, info.metricsPassword);
}
