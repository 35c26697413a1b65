import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every test owns its SQLite file and loopback ports, so files can run side by side.
    pool: 'forks',
    // Most files wait on sockets, child processes and discord.js's own real-time timers rather
    // than on the CPU, so a third file beside the default one per spare core overlaps those waits.
    maxWorkers: 3,
  },
});
