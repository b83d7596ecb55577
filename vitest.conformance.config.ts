import { defineConfig } from 'vitest/config';

// The conformance suite runs the real Claude Code binary, several seconds per
// call: it runs on its own, after the unit suite, so CPU contention from
// parallel unit tests cannot push it over its time limits.
export default defineConfig({
  test: {
    include: ['conformance/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
