import { describe, expect, it } from 'vitest';
import { loadTiming, slowLoadProblems } from '../../../suites/checks/dashboards/load-timing.ts';

describe('dashboard load timing', () => {
  it('takes the median and the slowest of the loads', () => {
    expect(loadTiming('A', [30, 10, 20])).toEqual({ dashboard: 'A', loadsMs: [30, 10, 20], medianMs: 20, slowestMs: 30 });
    expect(loadTiming('B', [4, 1, 3, 2]).medianMs).toBe(2.5);
  });

  it('refuses a dashboard with no timed load', () => {
    expect(() => loadTiming('C', [])).toThrow(/no timed load of C/);
  });

  it('names each dashboard with a load over the limit, and how many', () => {
    const timings = [loadTiming('Fast', [12, 15, 9]), loadTiming('Slow', [1900, 2100, 2500])];
    expect(slowLoadProblems(timings, 2000)).toEqual(['Slow: 2 of 3 loads took over 2000 ms (slowest 2500 ms)']);
    expect(slowLoadProblems([loadTiming('Fast', [12])], 2000)).toEqual([]);
  });
});
