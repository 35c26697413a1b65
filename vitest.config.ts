import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every test owns its SQLite file and loopback ports, so files can run side by side.
    pool: 'forks',
  },
});
