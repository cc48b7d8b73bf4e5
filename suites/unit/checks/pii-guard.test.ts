import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { LITELLM_PII_LABELS } from '../../../stack/model/stub-services.ts';
import { parseExposition } from '../../checks/exposition/parse.ts';
import { loadPiiConfig, loadSeriesBudget, piiRuleFor } from '../../checks/guard/pii-config.ts';
import { judgeGuard, labelUses, type GuardEvidence } from '../../checks/guard/pii-guard.ts';
import { tempDir } from '../../temp-dirs.ts';

const pii = loadPiiConfig();
const budget = loadSeriesBudget();
const fixture = (name: string) => parseExposition(readFileSync(resolve(REPO_ROOT, 'fixtures/exposition', name), 'utf8'));
const clean: GuardEvidence = { stored: [], exposed: [], seriesPerMetric: { up: 9, onyx_chat_duration_seconds_bucket: 42 } };

describe('personal-data label list', () => {
  it.each([...LITELLM_PII_LABELS, 'user_id', 'userId', 'email', 'ip', 'ip_address', 'session_id', 'x_forwarded_for', 'phone'])('%s is personal data', (label) => {
    expect(piiRuleFor(label, pii)).toBeDefined();
  });
  it.each(['model', 'job', 'instance', 'le', 'usename', 'hashed_api_key', 'address', 'device', 'vector_count', 'status_code', 'skip', 'zip'])(
    '%s is not',
    (label) => {
      expect(piiRuleFor(label, pii)).toBeUndefined();
    },
  );
  it("node_exporter's ip label on node_udp_queues (the IP version) is allowed there, not elsewhere", () => {
    expect(piiRuleFor('ip', pii, 'node_udp_queues')).toBeUndefined();
    expect(piiRuleFor('ip', pii, 'http_requests_total')).toBeDefined();
  });

  it('a malformed list file is one clear line', () => {
    const file = join(tempDir('pii-'), 'list.json');
    writeFileSync(file, JSON.stringify({ patterns: [{ pattern: '(', why: 'x' }] }));
    expect(() => loadPiiConfig(file)).toThrow(`personal-data label list ${file}: "(" is not a regular expression`);
    writeFileSync(file, '{"patterns": []}');
    expect(() => loadPiiConfig(file)).toThrow(/is malformed: patterns/);
  });
});

describe('PII and cardinality guard', () => {
  it('passes a clean store, and fails an empty one', () => {
    expect(judgeGuard(clean, pii, budget).result).toBe('PASS');
    expect(judgeGuard({ ...clean, seriesPerMetric: {} }, pii, budget).details).toEqual(['Prometheus stores no series: nothing to judge']);
  });

  it('fails a stored user_id label (fixture exposition taken as stored), naming metric and label', () => {
    const stored = labelUses(fixture('onyx-core-user-id-label.prom'));
    const result = judgeGuard({ ...clean, stored }, pii, budget);
    expect(result.result).toBe('FAIL');
    expect(result.details).toContain('onyx_chat_duration_seconds: label user_id is stored (identifies a person (LiteLLM: user, end_user))');
  });

  it('reports, and does not fail, personal-data labels a target exposes but the scrape job drops', () => {
    const exposed = [{ target: 'litellm', uses: [{ metric: 'litellm_proxy_total_requests_metric_total', label: 'user_email' }] }];
    const result = judgeGuard({ ...clean, exposed }, pii, budget);
    expect(result.result).toBe('PASS');
    expect(result.details).toEqual([
      'litellm exposes litellm_proxy_total_requests_metric_total with label user_email (an e-mail address (LiteLLM: user_email)), dropped before storage',
    ]);
  });

  it('fails a metric over its series budget and a stack over its total, naming them', () => {
    const seriesPerMetric = { onyx_chat_duration_seconds_bucket: budget.perMetricDefault + 1, up: budget.stackTotal };
    const result = judgeGuard({ ...clean, seriesPerMetric }, pii, budget);
    expect(result.details).toEqual([
      `onyx_chat_duration_seconds_bucket: ${budget.perMetricDefault + 1} series, over its budget of ${budget.perMetricDefault}`,
      `up: ${budget.stackTotal} series, over its budget of ${budget.perMetricDefault}`,
      `the stack: ${budget.stackTotal + budget.perMetricDefault + 1} series, over its budget of ${budget.stackTotal}`,
    ]);
  });
});
