import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // generous limits: a verdict must not depend on how busy the machine is (2 cores, other jobs running)
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 300_000,
    pool: 'forks',
    // test/detect/performance.test.ts collects garbage before each timed run
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
  },
});
