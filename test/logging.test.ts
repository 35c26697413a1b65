/** Tokens never reach a log line: not in objects, not in error messages, not in a whole session. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { DISCORD_TOKEN, RUNCOMFY_TOKEN, startWorld } from '../testkit/world/botWorld.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

describe('logging', () => {
  it('redacts tokens in logged objects and in free text', () => {
    const { lines, sink } = capture();
    const logger = createLogger('trace', sink, ['super-secret-token-value']);
    logger.info({ token: 'abc', config: { discord: { token: 'def' } }, headers: { authorization: 'Bearer xyz' } }, 'objects');
    logger.error({ err: new Error('request to https://x/?t=super-secret-token-value failed') }, 'free text');
    const all = lines.join('');
    expect(all).not.toContain('super-secret-token-value');
    expect(all).not.toContain('"abc"');
    expect(all).not.toContain('Bearer xyz');
    expect(all).toContain('[redacted]');
  });

  it('keeps interaction tokens in Discord error URLs, and request bodies, out of the log', async () => {
    const { lines, sink } = capture();
    const logger = createLogger('info', sink);
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5OlNFQ1JFVA';
    const error = Object.assign(new Error('Unknown interaction'), {
      url: `http://127.0.0.1/api/v10/interactions/123456789012345678/${token}/callback`,
      requestBody: { json: { type: 5 } },
    });
    logger.error({ err: error }, 'interaction failed');
    logger.warn(`PATCH /webhooks/100000000000000001/${token}/messages/@original failed`);
    const all = lines.join('');
    expect(all).not.toContain(token);
    expect(all).not.toContain('requestBody');
    expect(all).toContain('/interactions/123456789012345678/[redacted]');
  });

  it('keeps both tokens out of every line of a whole session at debug level', async () => {
    const world = await startWorld({ logLevel: 'trace' });
    try {
      world.runcomfy.fault({ route: 'status', kind: '5xx', times: 2 });
      world.video(world.seed.requesterId, { prompt: 'log me' });
      const job = await world.waitForJob(() => true);
      await world.waitDelivered(job.id);
      world.discord.failNext({
        method: 'POST',
        path: /\/messages$/,
        status: 403,
        times: 1,
        body: { code: 50013, message: 'Missing Permissions' },
      });
      world.video(world.seed.requesterId, { prompt: 'denied' });
      await world.discord.waitFor(() => world.logs.some((l) => l.includes('cannot post in this channel')) || undefined);
      expect(world.logs.length).toBeGreaterThan(5);
      for (const line of world.logs) {
        expect(line).not.toContain(DISCORD_TOKEN);
        expect(line).not.toContain(RUNCOMFY_TOKEN);
      }
    } finally {
      await world.stop();
    }
  });
});
