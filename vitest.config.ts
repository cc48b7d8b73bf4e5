import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no Docker and runs in seconds; `stack` shares one running stack,
// started once in its global setup and torn down after the last suite.
export default defineConfig({
  test: {
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
