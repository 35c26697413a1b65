/**
 * `npm run smoke`: the BUILT bot (`node dist/src/main.js`, what the Docker image runs) started with
 * a .env pointing at the loopback Discord and RunComfy. It must connect, register its commands,
 * serve one /video to a delivered video, answer /healthz, and stop cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { startFakeDiscord } from '../testkit/discord/index.js';
import { startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const DEADLINE_MS = 60_000;

function fail(message: string): never {
  process.stderr.write(`smoke: FAILED: ${message}\n`);
  process.exit(1);
}

const temp = makeTempDir('kling-smoke-');
const discord = await startFakeDiscord({ botToken: DISCORD_TOKEN, applicationId: APPLICATION_ID });
const seed = discord.seedDefault();
const runcomfy = await startFakeRunComfy({
  token: RUNCOMFY_TOKEN,
  defaultScenario: { queueMs: 500, runMs: 500, queuePositions: 1, outcome: 'succeed', video: { kind: 'small' } },
});
const envFile = join(temp.dir, '.env');
writeFileSync(
  envFile,
  [
    `DISCORD_TOKEN=${DISCORD_TOKEN}`,
    `DISCORD_APPLICATION_ID=${APPLICATION_ID}`,
    `DISCORD_GUILD_ID=${seed.guildId}`,
    `DISCORD_API_BASE_URL=${discord.apiBase}`,
    `RUNCOMFY_API_TOKEN=${RUNCOMFY_TOKEN}`,
    `RUNCOMFY_API_BASE_URL=${runcomfy.url}`,
    `MEDIA_ALLOWED_ORIGINS=${runcomfy.url}`,
    `DATABASE_PATH=${join(temp.dir, 'bot.db')}`,
    `MEDIA_CACHE_DIR=${join(temp.dir, 'media')}`,
    'HTTP_PORT=0',
    'LOG_LEVEL=info',
  ].join('\n'),
);

const lines: string[] = [];
// Started from the folder holding the .env, as `npm start` would be: the bot reads it itself.
const child = spawn(process.execPath, [join(process.cwd(), 'dist/src/main.js')], { cwd: temp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
  child.on('exit', (code, signal) => resolve({ code, signal })),
);
for (const stream of [child.stdout, child.stderr]) {
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
}
const timer = setTimeout(() => {
  child.kill('SIGKILL');
  fail(`timed out; the bot said:\n${lines.join('\n')}`);
}, DEADLINE_MS);

try {
  await discord.waitFor(() => lines.some((l) => l.includes('"bot is running"')) || undefined, { timeoutMs: 30_000 });
  process.stdout.write('smoke: the built bot connected\n');
  const names = discord.commands(seed.guildId).map((c) => String(c.name));
  if (!names.includes('video')) fail(`commands not registered (have ${names.join(', ') || 'none'})`);
  process.stdout.write(`smoke: commands registered: ${names.join(', ')}\n`);
  if (lines.some((l) => l.includes(DISCORD_TOKEN) || l.includes(RUNCOMFY_TOKEN))) fail('a token appeared in the log');

  const handle = discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [
      {
        type: 1,
        name: 'create',
        options: [{ name: 'prompt', type: 3, value: 'a smoke test at sunrise' }],
      } as APIApplicationCommandInteractionDataOption,
    ],
  });
  const ack = await handle.response({ timeoutMs: 3000 });
  if (ack.type !== 5) fail(`expected a deferred reply, got callback type ${ack.type}`);
  const final = await discord.waitFor(
    () =>
      discord
        .threads(seed.generalChannelId)
        .flatMap((t) => discord.messages(t.id))
        .find((m) => m.attachments.length === 1),
    { timeoutMs: 30_000 },
  );
  process.stdout.write(`smoke: /video delivered ${final.attachments[0]?.filename} (${final.attachments[0]?.size} bytes)\n`);

  const ops = lines.map((l) => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(l)?.[1]).find(Boolean);
  if (ops) {
    const health = await fetch(`${ops}/healthz`);
    process.stdout.write(`smoke: /healthz answered ${health.status}\n`);
    if (!health.ok) fail(`/healthz answered ${health.status}: ${await health.text()}`);
  }

  child.kill('SIGTERM');
  const { code, signal } = await exited;
  if (code !== 0) fail(`expected exit 0 after SIGTERM, got code ${code} signal ${signal}`);
  process.stdout.write('smoke: stopped cleanly on SIGTERM\n');
} finally {
  clearTimeout(timer);
  if (child.exitCode === null) child.kill('SIGKILL');
  await discord.close();
  await runcomfy.close();
  temp.remove();
}
process.stdout.write('smoke: 1 passed, 0 failed\n');
