// `npm run test:smoke`: the built main bundle run under Node with the
// `electron` stand-in (smoke/). Needs `npm run build:app` first (npm test's
// order builds it). Files run one after another: each starts the app as a child.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['smoke/**/*.smoke.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
