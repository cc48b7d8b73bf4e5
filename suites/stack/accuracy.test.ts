import { expect, it } from 'vitest';
import { knownWorkload } from '../checks/accuracy/known-workload.ts';
import { gatherAccuracy } from '../checks/accuracy/gather.ts';
import { judgeAccuracy } from '../checks/accuracy/judge.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack("a known workload reads back through the dashboards' own queries", (stack) => {
  it('rates, error ratios, token totals, spend, agent gauges and quantiles from the right buckets, within 0.1 %', async () => {
    const { checked, method } = await gatherAccuracy(stack, knownWorkload(), (line) => process.stderr.write(`${line}\n`));
    const result = judgeAccuracy(checked, method);
    process.stderr.write(`accuracy: ${result.figure}\n${method}\n${result.details.join('\n')}\n`);
    expect(result.result, result.details.join('\n')).toBe('PASS');
  });
});
