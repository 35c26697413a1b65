import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const minimal = { DISCORD_TOKEN: 'x'.repeat(20), DISCORD_APPLICATION_ID: '123456789012345678', RUNCOMFY_API_TOKEN: 'rc-token' };

describe('MEDIA_ALLOWED_ORIGINS', () => {
  it('allows no extra origin by default', () => {
    expect(loadConfig(minimal).media.allowedOrigins).toEqual([]);
  });

  it('reads a comma list down to origins', () => {
    const config = loadConfig({ ...minimal, MEDIA_ALLOWED_ORIGINS: ' http://127.0.0.1:8080/files , https://mirror.example.org ' });
    expect(config.media.allowedOrigins).toEqual(['http://127.0.0.1:8080', 'https://mirror.example.org']);
  });

  it('names an entry that is not an http(s) origin', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({ ...minimal, MEDIA_ALLOWED_ORIGINS: 'http://ok.example, file:///etc' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual(['MEDIA_ALLOWED_ORIGINS has "file:///etc", which is not an http(s) origin']);
  });
});
