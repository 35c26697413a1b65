import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const minimal = { DISCORD_TOKEN: 'x'.repeat(20), DISCORD_APPLICATION_ID: '123456789012345678', RUNCOMFY_API_TOKEN: 'rc-token' };

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('names each missing required variable', () => {
    const found = problems({});
    expect(found.join('\n')).toMatch(/DISCORD_TOKEN is required/);
    expect(found.join('\n')).toMatch(/DISCORD_APPLICATION_ID is required/);
    expect(found.join('\n')).toMatch(/RUNCOMFY_API_TOKEN is required/);
  });

  it('names a bad value and what it must be', () => {
    expect(problems({ ...minimal, DISCORD_APPLICATION_ID: 'my-bot' })).toEqual([
      'DISCORD_APPLICATION_ID must be a Discord id (digits only)',
    ]);
    expect(problems({ ...minimal, POLL_CONCURRENCY: 'lots' })).toEqual(['POLL_CONCURRENCY must be a number']);
    expect(problems({ ...minimal, RUNCOMFY_API_BASE_URL: 'ftp://x' })).toEqual(['RUNCOMFY_API_BASE_URL must be an http(s) URL']);
  });

  it('fills the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config.discord.apiBaseUrl).toBe('https://discord.com/api');
    expect(config.runcomfy.baseUrl).toBe('https://model-api.runcomfy.net');
    expect(config.databasePath).toBe('./data/bot.db');
    expect(config.prices).toEqual({ perSecond: 0.112, perSecondWithSound: 0.168 });
    expect(config.poller.maxJobAgeMs).toBe(30 * 60_000);
    // Short, renewed while a job is in hand: a killed process's jobs are back within 30 s.
    expect(config.poller.leaseMs).toBe(30_000);
    expect(config.http).toBeUndefined();
  });

  it('does not put the tokens in its error message', () => {
    try {
      loadConfig({ ...minimal, DISCORD_APPLICATION_ID: 'bad' });
    } catch (error) {
      expect(String(error)).not.toContain(minimal.DISCORD_TOKEN);
      expect(String(error)).not.toContain(minimal.RUNCOMFY_API_TOKEN);
    }
  });
});
