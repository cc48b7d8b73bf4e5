import { describe, expect, it } from 'vitest';
import { estimatePair, type Round } from '../../../bench/overhead/abba.ts';
import { judgeOverhead, overheadLines } from '../../../bench/overhead/judge.ts';
import type { OverheadMeasurement } from '../../../bench/overhead/run-overhead.ts';

/** Rounds whose B side costs `ratio` times A (CPU ns per request), with a little alternating noise. */
const rounds = (ratio: number): Round[] =>
  Array.from({ length: 12 }, (_, i) => {
    const noise = 1 + (i % 2 ? 0.002 : -0.002) * (i % 3);
    return { a: [1_000_000, 1_000_000], b: [1_000_000 * ratio * noise, 1_000_000 * ratio] };
  });

function measurement(mainRatio: number, controlRatio: number): OverheadMeasurement {
  return {
    main: estimatePair(rounds(mainRatio)),
    control: estimatePair(rounds(controlRatio)),
    settling: [],
    scrapeCpuUs: 900,
    settings: { budgetSeconds: 60, minRounds: 5, roundsPerEpoch: 5, requestsPerBlock: 300, warmupRequests: 2400, warmupPerBlock: 30, concurrency: 2, messages: 400, scrapes: 100 },
    seconds: 61,
    placement: 'bench containers on CPU 1, the harness on CPU 0',
  };
}

describe('judging the instrumentation overhead', () => {
  it('passes a 1 % overhead with an A/A control around 0, and reports it as lines', () => {
    const m = measurement(1.01, 1);
    expect(judgeOverhead(m)).toMatchObject({ result: 'PASS', details: [] });
    const lines = overheadLines(m, [{ implementation: 'shared', usPerRequest: 0.03, how: 'x' }]);
    const relative = lines.find((l) => l.key === 'overhead.relative_pct{handler=thread-400,service=suna}')!;
    expect(relative.value).toBeCloseTo(1, 1);
    expect(relative.interval!.low).toBeLessThanOrEqual(relative.value);
    expect(relative.how).toContain('handler costs 1000 µs CPU per request with instrumentation off');
    expect(lines.find((l) => l.key.startsWith('overhead.cpu_us_per_request'))!.value).toBeCloseTo(10, 0);
  });

  it('fails when the A/A control does not contain 0, saying the figure is not trusted', () => {
    const verdict = judgeOverhead(measurement(1.01, 1.02));
    expect(verdict.result).toBe('FAIL');
    expect(verdict.details[0]).toMatch(/A\/A control's interval .* does not contain 0/);
  });

  it('fails an overhead of 6 %', () => {
    const verdict = judgeOverhead(measurement(1.06, 1));
    expect(verdict.result).toBe('FAIL');
    expect(verdict.details).toEqual([expect.stringMatching(/reaches \+6\.\d+ %, not below 5 %/)]);
  });
});
