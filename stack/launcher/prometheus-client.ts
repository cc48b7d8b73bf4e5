import { request } from 'undici';
import { basicAuthHeader } from '../model/credentials.ts';
import type { StackInfo } from './stack-info.ts';

export interface Sample {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs, oldest first. */
  values: [number, string][];
}

export interface Target {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrapeDuration: number;
  scrapeInterval: string;
}

export interface LoadedRuleGroup {
  name: string;
  rules: { name: string; type: 'alerting' | 'recording'; health: string; lastError?: string }[];
}

/** The few Prometheus HTTP API calls the harness needs, with the stack's basic auth. */
export class PrometheusClient {
  private readonly auth: string;

  constructor(readonly baseUrl: string, user: string, password: string) {
    this.auth = basicAuthHeader(user, password);
  }

  private async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query)}`;
    const res = await request(url, { headers: { authorization: this.auth }, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`Prometheus ${path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? body.status}`);
    return body.data;
  }

  /** An instant query whose result is a range vector, e.g. `up{job="suna"}[2m]`: raw stored samples (ending now, or at `atMs`). */
  async rawSamples(selector: string, window: string, atMs?: number): Promise<Sample[]> {
    const query = `${selector}[${window}]`;
    const data = await this.get<{ resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] }>(
      '/api/v1/query',
      atMs === undefined ? { query } : { query, time: (atMs / 1000).toFixed(3) },
    );
    return data.result.map((r) => ({ labels: r.metric, values: r.values }));
  }

  /** Evaluated now, or at `atMs` (unix milliseconds) when given. */
  async instant(query: string, atMs?: number): Promise<{ labels: Record<string, string>; value: number }[]> {
    const params: Record<string, string> = atMs === undefined ? { query } : { query, time: (atMs / 1000).toFixed(3) };
    const data = await this.get<{ result: { metric: Record<string, string>; value: [number, string] }[] }>('/api/v1/query', params);
    return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
  }

  /** A range query as Grafana sends it: every series with its [unix seconds, value] points. */
  async range(query: string, startS: number, endS: number, stepS: number): Promise<Sample[]> {
    const data = await this.get<{ result: { metric: Record<string, string>; values: [number, string][] }[] }>('/api/v1/query_range', {
      query,
      start: String(startS),
      end: String(endS),
      step: String(stepS),
    });
    return data.result.map((r) => ({ labels: r.metric, values: r.values }));
  }

  /** Every metric name Prometheus holds a series of. */
  async metricNames(): Promise<string[]> {
    return this.get<string[]>('/api/v1/label/__name__/values');
  }

  async targets(): Promise<Target[]> {
    const data = await this.get<{ activeTargets: Target[] }>('/api/v1/targets', { state: 'active' });
    return data.activeTargets;
  }

  async labelNames(): Promise<string[]> {
    return this.get<string[]>('/api/v1/labels');
  }

  /** The label sets of every stored series that matches `selector`. */
  async series(selector: string): Promise<Record<string, string>[]> {
    return this.get<Record<string, string>[]>('/api/v1/series', { 'match[]': selector });
  }

  /** The loaded rule groups with each rule's health, as on Prometheus's /rules page. */
  async ruleGroups(): Promise<LoadedRuleGroup[]> {
    return (await this.get<{ groups: LoadedRuleGroup[] }>('/api/v1/rules')).groups;
  }

  /** The Alertmanagers Prometheus sends alerts to. */
  async alertmanagers(): Promise<{ activeAlertmanagers: { url: string }[]; droppedAlertmanagers: { url: string }[] }> {
    return this.get('/api/v1/alertmanagers');
  }
}

/** A client for the running stack's Prometheus API, with the run's credentials. */
export function prometheusClient(info: StackInfo): PrometheusClient {
  return new PrometheusClient(info.prometheusUrl, info.metricsUser, info.metricsPassword);
}
