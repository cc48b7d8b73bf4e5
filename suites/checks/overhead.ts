import { judgeOverhead, OVERHEAD_CHECK, overheadLines } from '../../bench/overhead/judge.ts';
import { runMicrobench } from '../../bench/overhead/microbench.ts';
import { measureOverhead } from '../../bench/overhead/run-overhead.ts';
import type { AcCheck } from './ac-check.ts';

/** Seconds of ABBA rounds inside verify (ONYX_OVERHEAD_SECONDS); `npm run overhead` runs 300 s on its own. */
function verifyOverheadSeconds(): number {
  const seconds = Number(process.env.ONYX_OVERHEAD_SECONDS ?? 120);
  if (!(seconds > 0)) throw new Error(`ONYX_OVERHEAD_SECONDS must be a positive number of seconds, got "${process.env.ONYX_OVERHEAD_SECONDS}"`);
  return seconds;
}

export const overheadCheck: AcCheck = {
  ...OVERHEAD_CHECK,
  run: async ({ log, report }) => {
    const seconds = verifyOverheadSeconds();
    log(`overhead: microbenchmark, then ${seconds} s of ABBA rounds on three suna containers`);
    const micro = runMicrobench();
    const measurement = await measureOverhead({ budgetSeconds: seconds, log });
    report.add(...overheadLines(measurement, micro));
    report.section('overhead', { settings: measurement.settings, main: measurement.main.rounds, control: measurement.control.rounds });
    return judgeOverhead(measurement);
  },
};
