import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { probeWakeLatency } from '../../../bench/metrics-latency/wake-latency.ts';

describe('machine wake-up latency probe', () => {
  it("runs one probe per CPU and counts each one's wake-ups and late ones by threshold", async () => {
    const w = await probeWakeLatency({ seconds: 1, sleepMs: 1, lateThresholdsMs: [-1000, 1000] });
    expect(w.cpus).toHaveLength(availableParallelism());
    for (const cpu of w.cpus) {
      // A 1 ms timer for 1 s wakes a few hundred to a thousand times, whatever the machine's load.
      expect(cpu.wakeups).toBeGreaterThan(100);
      expect(cpu.wakeups).toBeLessThanOrEqual(1000);
      // Each counted against each threshold: all later than -1 s, none a whole second late in a 1 s run.
      expect(cpu.lateOver['-1000']).toBe(cpu.wakeups);
      expect(cpu.lateOver['1000']).toBe(0);
      expect(cpu.maxLateMs).toBeGreaterThan(0);
    }
  }, 60_000);
});
