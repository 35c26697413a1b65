/**
 * An animation accepted, its picture on the status card, and the bot process killed before the
 * submit: after the restart the job is submitted with a link that works, though the one it
 * recorded has expired meanwhile (the fake Discord signs links for a few seconds here).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../testkit/discord/index.js';
import { makePng } from '../testkit/images.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { FAKE_I2V_MODEL_PATH } from '../testkit/runcomfy/server.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { childBotEnv, killAllChildBots, startChildBot } from './helpers/childBot.js';

const LINK_LIFETIME_MS = 3000;

describe('an animation interrupted before its submit', () => {
  const temp = makeTempDir('kling-animate-crash-');
  let discord: FakeDiscord | undefined;
  let runcomfy: FakeRunComfy | undefined;

  afterAll(async () => {
    await killAllChildBots();
    await discord?.close();
    await runcomfy?.close();
    temp.remove();
  });

  it('is submitted after the restart with a renewed link the provider can fetch', { timeout: 90_000 }, async () => {
    discord = await startFakeDiscord({
      botToken: DISCORD_TOKEN,
      applicationId: APPLICATION_ID,
      attachmentLinkLifetimeMs: LINK_LIFETIME_MS,
    });
    const seed = discord.seedDefault();
    runcomfy = await startFakeRunComfy({
      token: RUNCOMFY_TOKEN,
      defaultScenario: { queueMs: 200, runMs: 200, outcome: 'succeed', video: { kind: 'small' } },
    });
    const env = childBotEnv({
      discordApiBase: discord.apiBase,
      runcomfyUrl: runcomfy.url,
      guildId: seed.guildId,
      dir: temp.dir,
      extra: { MEDIA_ALLOWED_ORIGINS: `${runcomfy.url},${new URL(discord.apiBase).origin}` },
    });
    const first = await startChildBot({ env });

    // The thread is the step after the card: while Discord holds it back, the job is written,
    // its card and picture are posted, and nothing has gone to the provider.
    discord.failNext({ method: 'POST', path: /\/threads$/, status: 429, retryAfterSeconds: 30 });
    const upload = discord.uploadUserAttachment(seed.generalChannelId, {
      filename: 'pier.png',
      bytes: makePng(640, 480),
      contentType: 'image/png',
      width: 640,
      height: 480,
    });
    discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
      options: [
        {
          type: 1,
          name: 'animate',
          options: [
            { name: 'image', type: 11, value: upload.id },
            { name: 'prompt', type: 3, value: 'the pier at low tide' },
            { name: 'sound', type: 5, value: false },
          ],
        } as APIApplicationCommandInteractionDataOption,
      ],
    });
    const fakeDiscord = discord;
    await fakeDiscord.waitFor(() => fakeDiscord.requests.some((r) => r.path.endsWith('/threads') && r.status === 429), {
      timeoutMs: 20_000,
    });
    await first.kill('SIGKILL');
    expect(runcomfy.submissions).toBe(0);

    const db = new Database(`${temp.dir}/bot.db`, { readonly: true });
    const row = db.prepare('SELECT state, images_json, model_id FROM jobs').get() as {
      state: string;
      images_json: string;
      model_id: string;
    };
    db.close();
    expect(row).toMatchObject({ state: 'created', model_id: 'kling-3.0-pro-i2v' });
    const recorded = (JSON.parse(row.images_json) as { start: string }).start;

    // Down long enough for the recorded link to expire at the CDN.
    await sleep(LINK_LIFETIME_MS + 1500);
    expect((await fetch(recorded)).status).toBe(404);

    const refreshesBefore = discord.requests.filter((r) => r.path === '/attachments/refresh-urls').length;
    const second = await startChildBot({ env });
    await discord.waitFor(
      () => {
        const d = new Database(`${temp.dir}/bot.db`, { readonly: true });
        try {
          const now = d.prepare('SELECT state, delivered_at FROM jobs').get() as { state: string; delivered_at: number | null };
          return now.delivered_at !== null ? now : undefined;
        } finally {
          d.close();
        }
      },
      { timeoutMs: 30_000 },
    );
    await second.kill('SIGTERM');

    expect(runcomfy.submissions).toBe(1);
    expect(runcomfy.imageFailures).toEqual([]);
    const submit = runcomfy.requests.find((r) => r.method === 'POST' && r.path === FAKE_I2V_MODEL_PATH);
    const sent = String((submit?.body as { start_image_url?: string } | undefined)?.start_image_url);
    // The same copy (the card's attachment), under a renewed signature.
    expect(new URL(sent).pathname).toBe(new URL(recorded).pathname);
    expect(sent).not.toBe(recorded);
    expect(discord.requests.filter((r) => r.path === '/attachments/refresh-urls').length).toBeGreaterThan(refreshesBefore);
    const final = new Database(`${temp.dir}/bot.db`, { readonly: true });
    expect(final.prepare('SELECT state FROM jobs').get()).toEqual({ state: 'succeeded' });
    final.close();
  });
});
