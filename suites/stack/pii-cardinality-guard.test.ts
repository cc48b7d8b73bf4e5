import { expect, it } from 'vitest';
import { gatherGuardEvidence } from '../checks/guard/gather-guard.ts';
import { loadPiiConfig, loadSeriesBudget } from '../checks/guard/pii-config.ts';
import { judgeGuard } from '../checks/guard/pii-guard.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack('PII and cardinality guard on the running stack', (stack) => {
  it('no personal-data label is stored; LiteLLM exposes its own and they are reported as dropped; series within budget', async () => {
    const result = judgeGuard(await gatherGuardEvidence(stack, loadPiiConfig()), loadPiiConfig(), loadSeriesBudget());
    process.stderr.write(`guard: ${result.figure}\n${result.details.join('\n')}\n`);
    expect(result.details.filter((d) => !d.includes('dropped before storage'))).toEqual([]);
    expect(result.details.some((d) => d.startsWith('litellm exposes') && d.includes('user_email'))).toBe(true);
    expect(result.result).toBe('PASS');
  });
});
