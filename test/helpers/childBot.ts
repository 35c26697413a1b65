/**
 * The bot as a child process lives in the test kit, where the benchmarks can reach it too; the
 * crash tests keep importing it from here.
 */
export * from '../../testkit/world/childBot.js';
