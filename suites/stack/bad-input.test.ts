import { expect, it } from 'vitest';
import { gatherBadInputMatrix, judgeBadInput, MAYBE_ABSENT } from '../checks/bad-input/bad-input-check.ts';
import { matrixProblems } from '../checks/bad-input/matrix.ts';
import { describeOnStack } from './stack-context.ts';

describeOnStack('bad input on every authenticated endpoint: 400/401/404/405, never a 5xx, still serving afterwards', (stack) => {
  it('the matrix of bad inputs x endpoints (the exporters behind nginx: 405 for a wrong method, 404 for an unknown path)', async () => {
    const rows = await gatherBadInputMatrix(stack);
    process.stderr.write(`${judgeBadInput(rows).details.join('\n')}\n`);
    expect(matrixProblems(rows).map((p) => p.message)).toEqual([]);
    for (const row of rows) for (const { answer } of row.answers) expect('status' in answer && answer.status < 500, `${row.endpoint}: ${JSON.stringify(answer)}`).toBe(true);
  });

  for (const [service, why] of Object.entries(MAYBE_ABSENT)) {
    if (!stack.services.some((s) => s.name === service)) it.skip(`${service} (NOT VERIFIED: ${why})`, () => undefined);
  }
});
