import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { renderAlertmanagerConfig } from '../../../stack/render/alertmanager-config.ts';
import { renderPrometheusConfig } from '../../../stack/render/prometheus-config.ts';
import { RULE_FILE_NAMES } from '../../../stack/render/rules.ts';
import { ALERT_RULES } from '../../../stack/rules/alerts.ts';

describe('alert rules and their routing', () => {
  it('every alert has a severity, a summary, a description and a `for`', () => {
    expect(ALERT_RULES.rules.map((r) => r.alert).sort()).toEqual(
      ['HighErrorRate', 'LLMLatencyHigh', 'MetricsEndpointSlow', 'PostgresDown', 'RedisDown', 'TargetDown'],
    );
    for (const rule of ALERT_RULES.rules) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(0);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(0);
      expect(rule.for, rule.alert).toMatch(/^[1-9]\d*[sm]$/);
    }
  });

  it('Prometheus loads the rule files and sends alerts to the Alertmanager with basic auth from a file', () => {
    const config = parse(renderPrometheusConfig(ONYX_STACK, { metricsUser: 'prometheus' }));
    expect(config.rule_files).toEqual(RULE_FILE_NAMES.map((n) => `/etc/prometheus/rules/${n}`));
    expect(config.alerting.alertmanagers).toEqual([
      {
        basic_auth: { username: 'prometheus', password_file: '/etc/prometheus/secrets/metrics-password' },
        static_configs: [{ targets: ['alertmanager:9093'] }],
      },
    ]);
  });

  it('Alertmanager routes everything to a receiver that sends nothing off the machine', () => {
    const config = parse(renderAlertmanagerConfig());
    expect(config.route.receiver).toBe(config.receivers[0].name);
    for (const receiver of config.receivers) expect(Object.keys(receiver), receiver.name).toEqual(['name']);
    expect(config.global).toBeUndefined();
  });

  it('Alertmanager runs alone: gossip off, basic auth on', () => {
    const am = ONYX_STACK.services.find((s) => s.name === 'alertmanager')!;
    expect(am.command).toContain('--cluster.listen-address=');
    expect(am.command.some((c) => c.startsWith('--web.config.file='))).toBe(true);
    expect(am.health).toMatchObject({ kind: 'http', withMetricsAuth: true });
  });
});
