/**
 * The loopback Discord and the fake RunComfy in a process of their own, driven over IPC by a
 * benchmark (see fakesProtocol.ts). Started with `fork` by fakesClient.ts; exits when its parent
 * goes away.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { startFakeDiscord } from '../testkit/discord/index.js';
import { DEFAULT_SCENARIO, type FakeJob, type Scenario, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN, toOptions } from '../testkit/world/botWorld.js';
import type { HostCommand, HostConfig, HostReady, HostReply } from './fakesProtocol.js';

const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
const scenario: Scenario = { ...DEFAULT_SCENARIO, ...config.scenario };

const discord = await startFakeDiscord({
  botToken: DISCORD_TOKEN,
  applicationId: APPLICATION_ID,
  ...(config.uploadLimitBytes ? { uploadLimitBytes: config.uploadLimitBytes } : {}),
});
const seed = discord.seedDefault();
const memberIds = Array.from({ length: config.members }, (_, i) => discord.addMember(seed.guildId, { username: `bench-${i}` }).userId);
const runcomfy = await startFakeRunComfy({
  token: RUNCOMFY_TOKEN,
  defaultScenario: scenario,
  // Warm-up jobs load the bot's code paths before a measurement; they should be quick and small.
  scenarioFor: (input) => (String(input.prompt).startsWith('warmup') ? { queueMs: 100, runMs: 100, video: { kind: 'small' } } : {}),
});

function send(message: HostReply | HostReady): void {
  process.send?.(message);
}

function createCommand(prompt: string, duration?: number): APIApplicationCommandInteractionDataOption[] {
  const options = duration === undefined ? { prompt } : { prompt, duration };
  return [{ type: 1, name: 'create', options: toOptions(options) } as APIApplicationCommandInteractionDataOption];
}

async function burst(command: Extract<HostCommand, { type: 'burst' }>): Promise<HostReply> {
  const started = Date.now();
  const handles = Array.from({ length: command.count }, (_, i) => {
    const before = Date.now();
    const handle = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: command.userIds[i % command.userIds.length] ?? seed.requesterId,
      name: 'video',
      options: createCommand(`${command.prompt} ${i}`),
    });
    // The fake stamps each interaction when it is made, just before it dispatches it; the public
    // handle type does not name that field, so read it carefully and fall back to our own stamp.
    const createdAt = 'createdAt' in handle && typeof handle.createdAt === 'number' ? handle.createdAt : before;
    return { handle, createdAt };
  });
  const deadline = started + command.timeoutMs;
  // Everyone acknowledged and answered (the ephemeral edit after the submit), or out of time.
  while (Date.now() < deadline && !handles.every(({ handle }) => handle.responses.length >= 2)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const acks: { interactionId: string; createdAt: number; ackAt: number }[] = [];
  let lastAnswer = 0;
  for (const { handle, createdAt } of handles) {
    const callback = handle.responses.find((r) => r.kind === 'callback');
    if (callback) acks.push({ interactionId: handle.id, createdAt, ackAt: callback.at });
    const answer = handle.responses[1];
    if (answer) lastAnswer = Math.max(lastAnswer, answer.at);
  }
  const allAnswered = handles.every(({ handle }) => handle.responses.length >= 2);
  return {
    id: command.id,
    type: 'burst',
    acks,
    unacknowledged: command.count - acks.length,
    allAnsweredMs: allAnswered ? lastAnswer - started : null,
  };
}

async function handle(command: HostCommand): Promise<HostReply> {
  switch (command.type) {
    case 'burst':
      return burst(command);
    case 'video': {
      const dispatchedAt = Date.now();
      discord.slashCommand({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: command.userId,
        name: 'video',
        options: createCommand(command.prompt, command.duration),
      });
      return { id: command.id, type: 'video', dispatchedAt };
    }
    case 'seedProviderJobs': {
      const now = Date.now();
      const requestIds: string[] = [];
      for (let i = 0; i < command.count; i++) {
        const job: FakeJob = {
          requestId: `bench-${String(i).padStart(6, '0')}`,
          input: { prompt: `bench ${i}` },
          scenario,
          submittedAt: now,
        };
        runcomfy.jobs.set(job.requestId, job);
        requestIds.push(job.requestId);
      }
      return { id: command.id, type: 'seedProviderJobs', requestIds };
    }
    case 'providerRequests':
      return { id: command.id, type: 'providerRequests', count: runcomfy.requests.length };
    case 'stop':
      await close();
      return { id: command.id, type: 'stop' };
  }
}

let closing: Promise<void> | undefined;
function close(): Promise<void> {
  closing ??= (async () => {
    await discord.close();
    await runcomfy.close();
  })();
  return closing;
}

process.on('message', (raw) => {
  const command = raw as HostCommand;
  handle(command).then(
    (reply) => {
      send(reply);
      if (command.type === 'stop') process.disconnect();
    },
    (error: unknown) => send({ id: command.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
// The benchmark went away (finished or crashed): nothing left to serve.
process.on('disconnect', () => {
  close().finally(() => process.exit(0));
});

send({
  type: 'ready',
  discordApiBase: discord.apiBase,
  runcomfyUrl: runcomfy.url,
  guildId: seed.guildId,
  generalChannelId: seed.generalChannelId,
  requesterId: seed.requesterId,
  memberIds,
});
