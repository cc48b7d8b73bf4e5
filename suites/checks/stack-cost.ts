import { gatherStackCost, stackCostLines } from '../../bench/stack-cost/stack-cost.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';
import type { AcCheck } from './ac-check.ts';

const title = 'the monitoring containers stay within their caps and a quarter of the kvm4 VPS';

/** Runs after every check that uses the stack and before the overhead bench, which pauses it: the cgroup counters cover the verify run up to there. */
export const stackCostCheck: AcCheck = {
  ac: 'stack-cost',
  title,
  run: async ({ info, report }) => {
    const lines = stackCostLines(await gatherStackCost(info, ONYX_STACK), ONYX_STACK.profile);
    report.add(...lines);
    const cpu = lines.find((l) => l.key.startsWith('stack_cost.kvm4_cpu_pct'))!;
    const memory = lines.find((l) => l.key.startsWith('stack_cost.kvm4_memory_pct'))!;
    const failed = lines.filter((l) => !l.ok);
    return {
      ac: 'stack-cost',
      title,
      result: failed.length === 0 ? 'PASS' : 'FAIL',
      figure: `${cpu.value.toFixed(2)} % of kvm4 CPU, ${memory.value.toFixed(2)} % of its memory`,
      method: cpu.how,
      details: failed.map((l) => `${l.key} = ${l.value.toFixed(2)} ${l.unit}, threshold ${l.threshold}`),
    };
  },
};
