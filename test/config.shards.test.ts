import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { shardOptions } from '../src/discord/discordBot.js';

const minimal = { DISCORD_TOKEN: 'x'.repeat(20), DISCORD_APPLICATION_ID: '123456789012345678', RUNCOMFY_API_TOKEN: 'rc-token' };

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ ...minimal, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('shard settings', () => {
  it('default to Discord’s recommended count, all shards in this process, and registering commands', () => {
    const { discord } = loadConfig(minimal);
    expect(discord.shards).toEqual({ count: 'auto', ids: undefined });
    expect(discord.registerCommands).toBe(true);
    expect(shardOptions(discord.shards)).toEqual({ shards: 'auto' });
  });

  it('take a count alone as every shard of that count, in this process', () => {
    const { discord } = loadConfig({ ...minimal, DISCORD_SHARD_COUNT: '4' });
    expect(discord.shards).toEqual({ count: 4, ids: undefined });
    expect(shardOptions(discord.shards)).toEqual({ shards: [0, 1, 2, 3], shardCount: 4 });
    expect(discord.registerCommands).toBe(true);
  });

  it('take this process’s ids with spaces and in any order; only the process holding shard 0 registers', () => {
    const zero = loadConfig({ ...minimal, DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: ' 2, 0 ' }).discord;
    expect(zero.shards).toEqual({ count: 4, ids: [2, 0] });
    expect(shardOptions(zero.shards)).toEqual({ shards: [2, 0], shardCount: 4 });
    expect(zero.registerCommands).toBe(true);

    const others = loadConfig({ ...minimal, DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '1,3' }).discord;
    expect(others.registerCommands).toBe(false);
  });

  it('accept AUTO in any case, and empty values as unset', () => {
    expect(loadConfig({ ...minimal, DISCORD_SHARD_COUNT: 'AUTO' }).discord.shards.count).toBe('auto');
    expect(loadConfig({ ...minimal, DISCORD_SHARD_COUNT: '', DISCORD_SHARD_IDS: ' ' }).discord.shards).toEqual({
      count: 'auto',
      ids: undefined,
    });
  });

  it('name a count that is not a whole number of at least 1', () => {
    for (const value of ['0', '-1', '2.5', 'two', '1e3']) {
      expect(problems({ DISCORD_SHARD_COUNT: value })).toEqual([
        "DISCORD_SHARD_COUNT must be a whole number of shards (1 or more) or 'auto'",
      ]);
    }
  });

  it('name ids that are not a list of shard numbers', () => {
    for (const value of ['0;1', '0,,1', '0-3', 'a', '-1', '1.5']) {
      expect(problems({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: value })).toEqual([
        'DISCORD_SHARD_IDS must be shard ids (0, 1, …) separated by commas, e.g. 0,1',
      ]);
    }
  });

  it('refuse a shard listed twice', () => {
    expect(problems({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,1,0' })).toEqual(['DISCORD_SHARD_IDS lists shard 0 twice']);
  });

  it('refuse ids outside the count, naming each', () => {
    expect(problems({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1,2,5' })).toEqual([
      'DISCORD_SHARD_IDS lists shard 2, but DISCORD_SHARD_COUNT is 2: shard ids go from 0 to 1',
      'DISCORD_SHARD_IDS lists shard 5, but DISCORD_SHARD_COUNT is 2: shard ids go from 0 to 1',
    ]);
  });

  it('refuse explicit ids with an automatic count, since every process must route with the same count', () => {
    const expected = [
      'DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT set to a number (not auto): every process must use the same count, and Discord’s recommendation can change between starts',
    ];
    expect(problems({ DISCORD_SHARD_IDS: '0' })).toEqual(expected);
    expect(problems({ DISCORD_SHARD_COUNT: 'auto', DISCORD_SHARD_IDS: '0,1' })).toEqual(expected);
  });
});
