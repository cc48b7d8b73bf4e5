// npm run gate -- [--latest FILE] [--baseline FILE] [--recent N] [--benchmark-json FILE]
// Exit code: 0 pass (warnings allowed), 1 a regression, a missing metric or a failed AC,
// 2 bad arguments or a report that cannot be read.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runGate } from '../bench/gate/run-gate.ts';
import { REPO_ROOT } from '../stack/paths.ts';

const USAGE = 'usage: npm run gate -- [--latest FILE] [--baseline FILE] [--recent N] [--benchmark-json FILE]';

try {
  const { values } = parseArgs({
    options: {
      latest: { type: 'string', default: resolve(REPO_ROOT, 'reports/latest.json') },
      baseline: { type: 'string', default: resolve(REPO_ROOT, 'reports/baseline.json') },
      recent: { type: 'string', default: '5' },
      'benchmark-json': { type: 'string', default: resolve(REPO_ROOT, 'reports/benchmark-smaller-is-better.json') },
    },
  });
  const recent = Number(values.recent);
  if (!Number.isInteger(recent) || recent < 0) throw new Error(`--recent must be a whole number >= 0, got "${values.recent}"`);
  const outcome = await runGate({ latest: values.latest, baseline: values.baseline, recent, benchmarkJson: values['benchmark-json'] });
  for (const line of outcome.lines) console.log(line);
  process.exit(outcome.result.failures.length === 0 ? 0 : 1);
} catch (error) {
  console.error(`gate: ${(error as Error).message}`);
  console.error(USAGE);
  process.exit(2);
}
