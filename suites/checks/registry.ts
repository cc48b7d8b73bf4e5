import { flattenMetricsLatency } from '../../bench/metrics-latency/result.ts';
import { metricLine } from '../../bench/report/lines.ts';
import type { AcCheck } from './ac-check.ts';
import { gatherAc911Evidence, judgeAc911, scrapedJobs } from './ac-9-1-1.ts';
import { AC_912_TITLE, runAc912 } from './ac-9-1-2.ts';
import { AC_914_TITLE, runAc914 } from './ac-9-1-4.ts';
import { gatherAccuracy } from './accuracy/gather.ts';
import { ACCURACY_CHECK, ACCURACY_TITLE, judgeAccuracy } from './accuracy/judge.ts';
import { knownWorkload } from './accuracy/known-workload.ts';
import { BAD_INPUT_CHECK, BAD_INPUT_TITLE, gatherBadInputMatrix, judgeBadInput } from './bad-input/bad-input-check.ts';
import { STUB_FIDELITY_CHECKS } from './fidelity/stub-fidelity-check.ts';
import { gatherGuardEvidence } from './guard/gather-guard.ts';
import { loadPiiConfig, loadSeriesBudget } from './guard/pii-config.ts';
import { GUARD_CHECK, GUARD_TITLE, judgeGuard } from './guard/pii-guard.ts';
import { gatherBusinessFamilies, judgeSpecSchema, SPEC_SCHEMA_CHECK, SPEC_SCHEMA_TITLE } from './schema/spec-schema-check.ts';
import { overheadCheck } from './overhead.ts';
import { stackCostCheck } from './stack-cost.ts';
import { AC_913_TITLE, gatherAc913Evidence, judgeAc913 } from './ac-9-1-3.ts';

export const AC_CHECKS: AcCheck[] = [
  {
    ac: '9.1.1',
    title: 'Prometheus scrapes all 6 core services every 15 s',
    readOnly: true,
    run: async ({ info, log }) => {
      log('AC 9.1.1: waiting for Prometheus to store enough scrapes (about a minute)...');
      return judgeAc911(await gatherAc911Evidence(info, log), scrapedJobs(info));
    },
  },
  { ac: '9.1.2', title: AC_912_TITLE, run: runAc912 },
  {
    ac: '9.1.3',
    title: AC_913_TITLE,
    run: async ({ info, log, report }) => {
      const evidence = await gatherAc913Evidence(info, { log: (line) => log(`AC 9.1.3: ${line}`) });
      report.add(...flattenMetricsLatency(evidence));
      report.section('metrics_latency', evidence);
      return judgeAc913(evidence);
    },
  },
  { ac: '9.1.4', title: AC_914_TITLE, run: runAc914 },
  {
    ac: SPEC_SCHEMA_CHECK,
    title: SPEC_SCHEMA_TITLE,
    readOnly: true,
    run: async ({ info }) => judgeSpecSchema(await gatherBusinessFamilies(info)),
  },
  // Not ACs: issue 8's bar, each stub against the release its manifest pins.
  ...STUB_FIDELITY_CHECKS,
  {
    ac: ACCURACY_CHECK,
    title: ACCURACY_TITLE,
    run: async ({ info, log }) => {
      const { checked, method } = await gatherAccuracy(info, knownWorkload(), log);
      return judgeAccuracy(checked, method);
    },
  },
  {
    ac: BAD_INPUT_CHECK,
    title: BAD_INPUT_TITLE,
    run: async ({ info }) => judgeBadInput(await gatherBadInputMatrix(info)),
  },
  {
    // A guard, not an AC: the story's "no PII in metrics" and a bound on series.
    ac: GUARD_CHECK,
    title: GUARD_TITLE,
    readOnly: true,
    run: async ({ info, report }) => {
      const pii = loadPiiConfig();
      const evidence = await gatherGuardEvidence(info, pii);
      const counts = Object.values(evidence.seriesPerMetric);
      const how = 'count by (__name__) of the series in the head block, after a scrape of every target';
      report.add(
        metricLine('cardinality.series', { scope: 'stack' }, counts.reduce((a, b) => a + b, 0), how),
        metricLine('cardinality.series', { scope: 'largest_metric' }, Math.max(0, ...counts), how),
      );
      return judgeGuard(evidence, pii, loadSeriesBudget());
    },
  },
  stackCostCheck,
  overheadCheck,
];
