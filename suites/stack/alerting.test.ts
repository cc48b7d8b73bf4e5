import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS_DOWN_WITHOUT_EXPORTER_ARM } from '../../fixtures/broken-rules/redis-down-without-exporter-arm.ts';
import { TARGET_DOWN_WITHOUT_FOR } from '../../fixtures/broken-rules/target-down-without-for.ts';
import { ensureImage } from '../../stack/images/build.ts';
import { docker } from '../../stack/engine/docker-cli.ts';
import { alertmanagerClient } from '../../stack/launcher/alertmanager-client.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { ALERTMANAGER_CONFIG_DIR } from '../../stack/model/container-paths.ts';
import { REPO_ROOT } from '../../stack/paths.ts';
import { GENERATED_DIR } from '../../stack/render/committed-files.ts';
import { renderRuleFiles, renderRuleTests, RENDERED_RULES_DIR, RULE_FILE_NAMES, RULE_TEST_FILE } from '../../stack/render/rules.ts';
import { ALERT_RULES } from '../../stack/rules/alerts.ts';
import { RECORD, RECORDING_RULES } from '../../stack/rules/recording.ts';
import { RULE_TESTS } from '../../stack/rules/rule-tests.ts';
import type { AlertRule, RuleGroup } from '../../stack/rules/types.ts';
import { runToolInImage } from '../checks/alerting/rule-tools.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

const log = (line: string) => process.stderr.write(`[alerting] ${line}\n`);

describeOnStack('alerts and recording rules, routed to Alertmanager', (stack) => {
  let prometheusImage: string;
  let alertmanagerImage: string;
  const brokenDirs: string[] = [];

  /** The rules with one broken alert, beside the same tests (a folder the container's user can read). */
  async function brokenRulesDir(alerts: RuleGroup<AlertRule>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'onyx-broken-rules-'));
    brokenDirs.push(dir);
    await chmod(dir, 0o755);
    for (const { name, content } of renderRuleFiles(alerts)) await writeFile(join(dir, name), content, { mode: 0o644 });
    await writeFile(join(dir, RULE_TEST_FILE), renderRuleTests(), { mode: 0o644 });
    return dir;
  }

  beforeAll(async () => {
    prometheusImage = await ensureImage('prometheus', { onProgress: log });
    alertmanagerImage = await ensureImage('alertmanager', { onProgress: log });
  });
  afterAll(async () => {
    for (const dir of brokenDirs) await rm(dir, { recursive: true, force: true });
  });

  it('promtool check rules passes on the committed rule files', async () => {
    const run = await runToolInImage(prometheusImage, 'promtool', resolve(REPO_ROOT, RENDERED_RULES_DIR), ['check', 'rules', ...RULE_FILE_NAMES]);
    log(run.output);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain(`SUCCESS: ${RECORDING_RULES.rules.length} rules found`);
    expect(run.output).toContain(`SUCCESS: ${ALERT_RULES.rules.length} rules found`);
  });

  it(`promtool test rules passes its ${RULE_TESTS.length} cases (each alert firing and not firing, each recording rule's value)`, async () => {
    const run = await runToolInImage(prometheusImage, 'promtool', resolve(REPO_ROOT, RENDERED_RULES_DIR), ['test', 'rules', RULE_TEST_FILE]);
    log(run.output);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/SUCCESS/);
    const tested = new Set(RULE_TESTS.flatMap((t) => t.alert_rule_test?.map((a) => a.alertname) ?? []));
    expect([...tested].sort()).toEqual(ALERT_RULES.rules.map((r) => r.alert).sort());
    const recorded = RULE_TESTS.flatMap((t) => t.promql_expr_test?.map((p) => p.expr) ?? []).join('\n');
    for (const r of RECORDING_RULES.rules) expect(recorded, `no promtool case reads ${r.record}`).toContain(r.record);
  });

  it('promtool test rules fails on a TargetDown without its `for`, naming the alert (fixture)', async () => {
    const run = await runToolInImage(prometheusImage, 'promtool', await brokenRulesDir(TARGET_DOWN_WITHOUT_FOR), ['test', 'rules', RULE_TEST_FILE]);
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/FAILED[\s\S]*alertname: TargetDown/);
  });

  it('promtool test rules fails on a RedisDown blind to a stopped exporter, naming the alert and the case (fixture)', async () => {
    const run = await runToolInImage(prometheusImage, 'promtool', await brokenRulesDir(REDIS_DOWN_WITHOUT_EXPORTER_ARM), ['test', 'rules', RULE_TEST_FILE]);
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/FAILED[\s\S]*RedisDown \(its exporter stopped[\s\S]*alertname: RedisDown/);
  });

  it('amtool check-config passes on the committed alertmanager.yml and on the running one', async () => {
    const committed = await runToolInImage(alertmanagerImage, 'amtool', resolve(REPO_ROOT, GENERATED_DIR), ['check-config', 'alertmanager.yml']);
    log(committed.output);
    expect(committed.exitCode, committed.output).toBe(0);
    expect(committed.output).toMatch(/SUCCESS/);
    const container = stack.services.find((s) => s.name === 'alertmanager')!.container;
    const running = await docker(['exec', container, 'amtool', 'check-config', `${ALERTMANAGER_CONFIG_DIR}/alertmanager.yml`]);
    expect(running).toMatch(/SUCCESS/);
    const status = await alertmanagerClient(stack).status();
    expect(status.cluster.status, 'gossip must be off (--cluster.listen-address=)').toBe('disabled');
  });

  it('Alertmanager refuses its API without or with wrong credentials', async () => {
    const url = `${stack.services.find((s) => s.name === 'alertmanager')!.urls.http}/api/v2/status`;
    const anonymous = await request(url);
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
    const wrong = await request(url, { headers: { authorization: `Basic ${Buffer.from(`${stack.metricsUser}:wrong`).toString('base64')}` } });
    await wrong.body.dump();
    expect(wrong.statusCode).toBe(401);
  });

  it('Prometheus loaded every rule, healthy, and sends to the stack\'s Alertmanager', async () => {
    const prom = prometheusClient(stack);
    const groups = await waitFor(
      'both rule groups evaluated at least once with every rule healthy',
      async () => {
        const g = await prom.ruleGroups();
        return g.length === 2 && g.every((x) => x.rules.every((r) => r.health === 'ok')) ? g : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    const loaded = groups.flatMap((g) => g.rules.map((r) => r.name)).sort();
    expect(loaded).toEqual([...RECORDING_RULES.rules.map((r) => r.record), ...ALERT_RULES.rules.map((r) => r.alert)].sort());
    const { activeAlertmanagers } = await prom.alertmanagers();
    expect(activeAlertmanagers.map((a) => a.url)).toEqual(['http://alertmanager:9093/api/v2/alerts']);
  });

  it('records request rates and scrape duration p95 from the running services', async () => {
    const prom = prometheusClient(stack);
    const rates = await waitFor(
      `${RECORD.requestRate} for suna and onyx-core`,
      async () => {
        const r = await prom.instant(RECORD.requestRate);
        return ['suna', 'onyx-core'].every((s) => r.some((x) => x.labels.service === s && x.value > 0)) ? r : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 3_000 },
    );
    expect(rates.length).toBeGreaterThanOrEqual(2);
    const scrapes = await prom.instant(RECORD.scrapeDurationP95);
    expect(scrapes.map((s) => s.labels.job).sort()).toEqual(expect.arrayContaining(['prometheus', 'redis', 'suna']));
  });

  it('every recording rule yields series on the running stack (a rule on a renamed metric would record nothing)', async () => {
    const prom = prometheusClient(stack);
    const isEmpty = async (record: string) => (await prom.instant(record)).length === 0;
    let missing: string[] = [];
    await waitFor(
      'a series from every recording rule',
      async () => {
        const empty = await Promise.all(RECORDING_RULES.rules.map((r) => isEmpty(r.record)));
        missing = RECORDING_RULES.rules.filter((_, i) => empty[i]).map((r) => r.record);
        return missing.length === 0 ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 5_000, describe: () => `still empty: ${missing.join(', ')}` },
    );
  });

  it("records onyx-core's retrieval p95 and the chat success ratio per model from the running stub", async () => {
    const prom = prometheusClient(stack);
    // Other suites' workloads share the window, so only the histogram's range is certain: promtool pins the value.
    const [retrieval] = await waitFor(
      `${RECORD.retrievalP95} for job onyx-core`,
      async () => {
        const r = await prom.instant(`${RECORD.retrievalP95}{job="onyx-core"}`);
        return r.length > 0 && Number.isFinite(r[0]!.value) ? r : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 3_000 },
    );
    log(`${RECORD.retrievalP95}{job="onyx-core"} = ${retrieval!.value}`);
    expect(retrieval!.value).toBeGreaterThan(0);
    expect(retrieval!.value, 'the largest finite bucket of onyx_rag_retrieval_duration_seconds').toBeLessThanOrEqual(1);
    const ratios = await prom.instant(RECORD.chatSuccessRatio);
    log(`${RECORD.chatSuccessRatio}: ${ratios.map((r) => `${r.labels.model}=${r.value}`).join(', ')}`);
    expect(ratios.length).toBeGreaterThan(0);
    for (const r of ratios) {
      expect(r.value, r.labels.model).toBeGreaterThanOrEqual(0);
      expect(r.value, r.labels.model).toBeLessThanOrEqual(1);
    }
  });
});
