import { expect, it } from 'vitest';
import { gatherBusinessFamilies, judgeSpecSchema } from '../checks/schema/spec-schema-check.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack('the running onyx-core matches the SPEC business metrics table', (stack) => {
  it('name, type, label names and buckets of every business metric, scraped with credentials', async () => {
    const result = judgeSpecSchema(await gatherBusinessFamilies(stack));
    expect(result.details).toEqual([]);
    expect(result.result).toBe('PASS');
  });
});
