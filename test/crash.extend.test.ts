/**
 * The bot process killed while it joins an extension onto its video: the restart joins once more
 * (not a third time, and never onto a file already joined), and the member gets one final
 * message with the joined video.
 */
import { existsSync, writeFileSync } from 'node:fs';
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

interface Row {
  id: string;
  kind: string;
  channel_id: string;
  thread_id: string | null;
  delivered_at: number | null;
  final_message_id: string | null;
}

describe('a kill during an extension’s join', () => {
  const temp = makeTempDir('kling-extend-crash-');
  let discord: FakeDiscord | undefined;
  let runcomfy: FakeRunComfy | undefined;

  afterAll(async () => {
    await killAllChildBots();
    await discord?.close();
    await runcomfy?.close();
    temp.remove();
  });

  const rows = (): Row[] => {
    if (!existsSync(`${temp.dir}/bot.db`)) return [];
    const db = new Database(`${temp.dir}/bot.db`, { readonly: true });
    try {
      return db.prepare('SELECT id, kind, channel_id, thread_id, delivered_at, final_message_id FROM jobs').all() as Row[];
    } finally {
      db.close();
    }
  };

  it('resumes the join once after the restart and posts one joined video', { timeout: 120_000 }, async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 600 });
    // An ffmpeg that notes each join (its pid) and waits a moment first, so the test can kill the
    // bot while one is under way; everything else goes straight through.
    const { path: wrapper, started } = slowFfmpeg(temp.dir, 'concat=n=2');

    discord = await startFakeDiscord({ botToken: DISCORD_TOKEN, applicationId: APPLICATION_ID });
    const seed = discord.seedDefault();
    runcomfy = await startFakeRunComfy({
      token: RUNCOMFY_TOKEN,
      defaultScenario: { queueMs: 100, runMs: 100, outcome: 'succeed', video: { kind: 'real', shortSide: 360, bitrateKbps: 600 } },
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
    const parent = await fake.waitFor(() => rows().find((row) => row.delivered_at !== null), { timeoutMs: 60_000 });
    const thread = parent.thread_id as string;
    const modal = await fake
      .clickButton({
        channelId: thread,
        messageId: parent.final_message_id as string,
        customId: `job:extend:${parent.id}`,
        userId: seed.requesterId,
      })
      .response();
    fake.submitModal({
      guildId: seed.guildId,
      channelId: thread,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'the fog lifts' },
      choices: { duration: '3' },
    });
    await fake.waitFor(() => started().length === 1 || undefined, { timeoutMs: 60_000 });
    await first.kill('SIGKILL');
    // The machine went down with it: so did the join.
    for (const pid of started()) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }

    const second = await startChildBot({ env });
    const child = await fake.waitFor(() => rows().find((row) => row.kind === 'extend' && row.delivered_at !== null), {
      timeoutMs: 60_000,
    });
    await second.kill('SIGTERM');

    // One join killed, one resumed: never a third.
    expect(started()).toHaveLength(2);
    const finals = discord.messages(thread).filter((message) => message.attachments.some((a) => a.filename.endsWith('.mp4')));
    // The parent's video and the extension's: one each.
    expect(finals).toHaveLength(2);
    const final = finals.find((message) => message.id === child.final_message_id);
    expect(textOf(final)).toContain('Extended: 6 seconds in all');
    const path = temp.file('delivered.mp4');
    writeFileSync(path, final?.attachments[0]?.bytes ?? Buffer.alloc(0));
    const info = await new FfmpegRunner({ binaries: resolveFfmpegBinaries() }).probe(path);
    expect(info.video?.frames).toBe(72 + 72 - 1);
    expect(info.audio?.codec).toBe('aac');
  });
});
