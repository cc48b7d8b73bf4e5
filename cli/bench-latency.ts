import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stackEndpoints } from '../bench/metrics-latency/endpoints.ts';
import { DEFAULT_CLOSED_LOOP, DEFAULT_PACED_PLAN, runMetricsLatencyBench } from '../bench/metrics-latency/run.ts';
import { latencyTable } from '../bench/metrics-latency/table.ts';
import { prometheusClient } from '../stack/launcher/prometheus-client.ts';
import { createStackRun } from '../stack/launcher/stack-run.ts';
import { withStack } from '../stack/launcher/with-stack.ts';

// `npm run bench:latency [-- --runs N --requests N --slot MS --out FILE]`: start the stack,
// time every metrics endpoint (AC 9.1.3's bench), print the table, tear down.

const usage = 'usage: npm run bench:latency -- [--runs N] [--requests N] [--warmup N] [--slot MS] [--out FILE.json]';
function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`bench:latency: --${name} must be a positive number, got "${text}"\n${usage}`);
    process.exit(2);
  }
  return value;
}

let args;
try {
  args = parseArgs({
    options: { runs: { type: 'string' }, requests: { type: 'string' }, warmup: { type: 'string' }, slot: { type: 'string' }, out: { type: 'string' } },
  }).values;
} catch (error) {
  console.error(`bench:latency: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const paced = {
  runs: Math.round(positive('runs', args.runs, DEFAULT_PACED_PLAN.runs)),
  requests: Math.round(positive('requests', args.requests, DEFAULT_PACED_PLAN.requests)),
  warmup: Math.round(positive('warmup', args.warmup, DEFAULT_PACED_PLAN.warmup)),
  slotMs: positive('slot', args.slot, DEFAULT_PACED_PLAN.slotMs),
};

const log = (line: string) => console.log(`[bench] ${line}`);
let exitCode = 0;
try {
  await withStack(createStackRun({ onProgress: log }), async (info) => {
    const result = await runMetricsLatencyBench(stackEndpoints(info), {
      paced,
      closedLoop: DEFAULT_CLOSED_LOOP,
      prometheus: prometheusClient(info),
      caps: Object.fromEntries(info.services.map((s) => [s.name, s.cpu])),
      log,
    });
    console.log(`\n${latencyTable(result)}\n`);
    if (args.out) {
      await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
      log(`result written to ${args.out}`);
    }
  });
} catch (error) {
  console.error(`bench:latency failed: ${(error as Error).message}`);
  exitCode = 1;
}
process.exit(exitCode);
