import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/all-kinds.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The emulator and the CLI processes are real servers; two cores are all we have.
    pool: 'forks',
    maxWorkers: 2,
  },
});
