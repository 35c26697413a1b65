/**
 * The bot process killed while it re-encodes a video over the upload limit: the restart encodes
 * it once more (not a third time), and the member gets one final message with the fitted video.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { type FakeDiscord, startFakeDiscord } from '../testkit/discord/index.js';
import { type FakeRunComfy, realVideo, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN, toOptions } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { childBotEnv, killAllChildBots, startChildBot } from './helpers/childBot.js';
import { textOf } from './helpers/inspect.js';
import { slowFfmpeg } from './helpers/slowFfmpeg.js';

const MiB = 1024 * 1024;
/** 3 s at 320x180 and 30 Mbit/s: over Discord's default 10 MiB, and quick to encode. */
const SHAPE = { width: 320, height: 180, durationSeconds: 3, bitrateKbps: 30_000 };

describe('a kill during the encode that fits a video', () => {
  const temp = makeTempDir('kling-fit-crash-');
  let discord: FakeDiscord | undefined;
  let runcomfy: FakeRunComfy | undefined;

  afterAll(async () => {
    await killAllChildBots();
    await discord?.close();
    await runcomfy?.close();
    temp.remove();
  });

  it('resumes the encode once after the restart and posts one fitted video', { timeout: 120_000 }, async () => {
    await realVideo(SHAPE);
    // An ffmpeg that notes each encode (its pid) and waits a moment first, so the test can kill
    // the bot while one is under way; version checks and probes go straight through.
    const { path: wrapper, started } = slowFfmpeg(temp.dir, ' libx264 ');

    discord = await startFakeDiscord({ botToken: DISCORD_TOKEN, applicationId: APPLICATION_ID });
    const seed = discord.seedDefault();
    runcomfy = await startFakeRunComfy({
      token: RUNCOMFY_TOKEN,
      defaultScenario: { queueMs: 100, runMs: 100, outcome: 'succeed', video: { kind: 'real', shortSide: 180, bitrateKbps: 30_000 } },
    });
    const env = childBotEnv({
      discordApiBase: discord.apiBase,
      runcomfyUrl: runcomfy.url,
      guildId: seed.guildId,
      dir: temp.dir,
      extra: { FFMPEG_PATH: wrapper },
    });
    const first = await startChildBot({ env });
    discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
      options: [{ type: 1, name: 'create', options: toOptions({ prompt: 'a lighthouse in fog', duration: 3 }) }] as never,
    });
    const fake = discord;
    await fake.waitFor(() => started().length === 1 || undefined, { timeoutMs: 60_000 });
    await first.kill('SIGKILL');
    // The machine went down with it: so did the encode.
    for (const pid of started()) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }

    const second = await startChildBot({ env });
    const row = await fake.waitFor(
      () => {
        const db = new Database(`${temp.dir}/bot.db`, { readonly: true });
        try {
          const job = db.prepare('SELECT id, thread_id, delivered_at, final_message_id FROM jobs').get() as
            | { id: string; thread_id: string; delivered_at: number | null; final_message_id: string | null }
            | undefined;
          return job?.delivered_at ? job : undefined;
        } finally {
          db.close();
        }
      },
      { timeoutMs: 60_000 },
    );
    await second.kill('SIGTERM');

    // One encode killed, one resumed: never a third.
    expect(started()).toHaveLength(2);
    const finals = discord.messages(row.thread_id);
    expect(finals).toHaveLength(1);
    expect(finals[0]?.id).toBe(row.final_message_id);
    const attachment = finals[0]?.attachments[0];
    expect(attachment?.size).toBeLessThanOrEqual(10 * MiB);
    expect(textOf(finals[0])).toContain('Compressed to fit');
    const path = temp.file('delivered.mp4');
    writeFileSync(path, attachment?.bytes ?? Buffer.alloc(0));
    const info = await new FfmpegRunner({ binaries: resolveFfmpegBinaries() }).probe(path);
    expect(info.durationSeconds).toBeCloseTo(3, 0);
    expect(info.audio?.codec).toBe('aac');
  });
});
