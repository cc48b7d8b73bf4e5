import { stringify } from 'yaml';
import { ALERT_RULES } from '../rules/alerts.ts';
import { RECORDING_RULES } from '../rules/recording.ts';
import { RULE_TESTS, TEST_INTERVAL } from '../rules/rule-tests.ts';
import type { AlertRule, RuleGroup } from '../rules/types.ts';

// The rule files Prometheus loads and the promtool test file that checks them, rendered from
// stack/rules. The same text is committed under stack/generated/rules/ and copied into Prometheus.

export const RENDERED_RULES_DIR = 'stack/generated/rules';
/** The rule files, in the order Prometheus and promtool load them. */
export const RULE_FILE_NAMES = ['recording.yml', 'alerts.yml'] as const;
export const RULE_TEST_FILE = 'tests.yml';

const HEADER =
  '# Rendered from stack/rules by `npm run stack:render`. Do not edit by hand: a unit test fails when\n' +
  '# this file and the code disagree.\n';

const ruleFile = (group: RuleGroup<object>) => HEADER + stringify({ groups: [group] }, { lineWidth: 0 });

/** Each rule file's name and content (other alerts only for the broken-rule fixtures). */
export function renderRuleFiles(alerts: RuleGroup<AlertRule> = ALERT_RULES): { name: string; content: string }[] {
  return [
    { name: RULE_FILE_NAMES[0], content: ruleFile(RECORDING_RULES) },
    { name: RULE_FILE_NAMES[1], content: ruleFile(alerts) },
  ];
}

/** `promtool test rules tests.yml`, run from the folder that holds the rule files. */
export function renderRuleTests(): string {
  const tests = RULE_TESTS.map(({ name, ...test }) => ({ name, interval: TEST_INTERVAL, ...test }));
  return HEADER + stringify({ rule_files: [...RULE_FILE_NAMES], evaluation_interval: TEST_INTERVAL, tests }, { lineWidth: 0 });
}

/** The committed files (path relative to the repository root → content). */
export function renderCommittedRuleFiles(): Map<string, string> {
  return new Map([
    ...renderRuleFiles().map(({ name, content }): [string, string] => [`${RENDERED_RULES_DIR}/${name}`, content]),
    [`${RENDERED_RULES_DIR}/${RULE_TEST_FILE}`, renderRuleTests()],
  ]);
}
