import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The fault suites stop and restart services of the shared stack (its ports change): they run last,
 * and the Prometheus restart after them all (every other suite reaches Prometheus at its old port).
 */
class FaultsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) =>
      /\/suites\/stack\/faults-prometheus-restart\.test\.ts$/.test(f.moduleId) ? 2 : /\/suites\/stack\/faults-[^/]*\.test\.ts$/.test(f.moduleId) ? 1 : 0;
    return [0, 1, 2].flatMap((r) => sorted.filter((f) => rank(f) === r));
  }
}

// Two projects: `unit` needs no Docker and runs in seconds; `stack` shares one running stack,
// started once in its global setup and torn down after the last suite.
export default defineConfig({
  test: {
    sequence: { sequencer: FaultsLast },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['suites/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['suites/stack/**/*.test.ts'],
          globalSetup: ['suites/stack/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
