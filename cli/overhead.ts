// npm run overhead -- [--seconds N] [--raw FILE]: the instrumentation overhead bench on its own
// (default 300 s of crossover rounds), printed as a verdict and the report lines, every block's CPU per
// request in FILE when asked; exit 1 when it fails.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { judgeOverhead, overheadLines } from '../bench/overhead/judge.ts';
import { runMicrobench } from '../bench/overhead/microbench.ts';
import { measureOverhead } from '../bench/overhead/run-overhead.ts';

const log = (line: string) => console.log(`[overhead] ${line}`);
try {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '300' }, raw: { type: 'string' } } });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got "${values.seconds}"`);
  const micro = runMicrobench();
  const measurement = await measureOverhead({ budgetSeconds: seconds, log });
  const verdict = judgeOverhead(measurement);
  if (values.raw) await writeFile(values.raw, `${JSON.stringify(measurement, null, 2)}\n`);
  for (const line of overheadLines(measurement, micro)) {
    const interval = line.interval ? ` [${line.interval.low.toFixed(3)}, ${line.interval.high.toFixed(3)}]` : '';
    console.log(`${line.key} = ${line.value.toFixed(3)} ${line.unit}${interval}`);
  }
  console.log(`\n${verdict.result}: ${verdict.figure}\n  how: ${verdict.method}`);
  for (const d of verdict.details) console.log(`  ${d}`);
  process.exit(verdict.result === 'PASS' ? 0 : 1);
} catch (error) {
  console.error(`overhead: ${(error as Error).message}`);
  process.exit(2);
}
