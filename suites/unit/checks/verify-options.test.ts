import { describe, expect, it } from 'vitest';
import { AC_CHECKS } from '../../../suites/checks/registry.ts';
import { parseVerifyOptions } from '../../../cli/verify-options.ts';

describe('verify --target', () => {
  it('runs only the checks that read; one that drives load or starts containers is NOT VERIFIED with the reason', async () => {
    process.env.ONYX_METRICS_USER = 'prometheus';
    process.env.ONYX_METRICS_PASSWORD = 'unit';
    const { target, checks } = await parseVerifyOptions(['--target', 'fixtures/targets/example.yml'], AC_CHECKS);
    expect(target?.name).toBe('onyx-vps');
    expect(checks.map((c) => c.ac)).toEqual(AC_CHECKS.map((c) => c.ac));
    const writers = AC_CHECKS.filter((c) => !c.readOnly);
    expect(writers.length).toBeGreaterThan(0);
    for (const c of writers) {
      const result = await checks.find((x) => x.ac === c.ac)!.run(undefined as never);
      expect(result.result, c.ac).toBe('NOT VERIFIED');
      expect(result.method).toMatch(/verify --target only reads/);
    }
    expect(checks.find((c) => c.ac === '9.1.1')).toBe(AC_CHECKS.find((c) => c.ac === '9.1.1'));
  });

  it('--ac keeps only the named ACs', async () => {
    const { target, checks } = await parseVerifyOptions(['--ac', '9.1.1'], AC_CHECKS);
    expect(target).toBeUndefined();
    expect(checks.map((c) => c.ac)).toEqual(['9.1.1']);
  });
});
