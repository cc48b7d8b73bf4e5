// The shapes of Prometheus rule files and promtool rule tests, as the rule code builds them.

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  /** How long the condition must hold before the alert fires (a Prometheus duration). */
  for: string;
  labels: { severity: 'warning' | 'critical' };
  annotations: { summary: string; description: string };
}

export interface RuleGroup<R> {
  name: string;
  rules: R[];
}

/** One promtool unit test: input series, then the alerts and query results expected at given times. */
export interface RuleTest {
  /** What the case shows, written to the rendered file as the test's name. */
  name: string;
  input_series: { series: string; values: string }[];
  alert_rule_test?: {
    eval_time: string;
    alertname: string;
    exp_alerts: { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[];
  }[];
  promql_expr_test?: {
    expr: string;
    eval_time: string;
    exp_samples: { labels: string; value: number }[];
  }[];
}
