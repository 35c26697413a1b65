/**
 * Crash safety of the real bot process: jobs arrive at a steady pace while the bot is SIGKILLed
 * at random moments and restarted: once while a submit is at the provider and its answer has not
 * come back, once while a final message is stored at Discord and its answer has not come back.
 * Whatever the timing, every job the bot accepted (a row in its SQLite
 * file) must end with exactly one final message, and nothing may be sent to the provider twice.
 *
 * `npm test` runs 20 jobs; `npm run test:chaos` sets CHAOS_JOBS=100 and, because CHAOS_JOBS is
 * set, writes the figures to docs/reliability-last-run.json. CHAOS_KILLS and CHAOS_SEED override
 * the number of kills and the schedule (a failing seed can be replayed; the timing cannot).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_STATES } from '../src/jobs/jobState.js';
import { type DefaultSeed, type FakeDiscord, type StoredMessage, startFakeDiscord } from '../testkit/discord/index.js';
import { type FakeRunComfy, type RecordedRequest, startFakeRunComfy, TINY_MP4_PATH } from '../testkit/runcomfy/index.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN, toOptions } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { type ChildExit, childBotEnv, killAllChildBots, REPO_ROOT, startChildBot } from './helpers/childBot.js';
import { textOf } from './helpers/inspect.js';

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

const JOBS = positiveInt(process.env.CHAOS_JOBS, 20);
/** Two of them are aimed (mid-submit, mid-delivery), the rest fall where the seed puts them. */
const KILLS = Math.max(3, positiveInt(process.env.CHAOS_KILLS, JOBS >= 100 ? 12 : 5));
const SEED = positiveInt(process.env.CHAOS_SEED, 20_260_611);
/** Figures are written only when a chaos run was asked for, so `npm test` never edits a tracked file. */
const REPORT_PATH = process.env.CHAOS_JOBS === undefined ? undefined : `${REPO_ROOT}docs/reliability-last-run.json`;
/** Between two `/video create` interactions. */
const PACE_MS = 600;
/** Long enough that the kill (seen within one 5 ms poll) always lands before the fake takes the job. */
const SLOW_SUBMIT_MS = 3000;
/** Every fifth job fails at the provider, so failure messages go through the crashes too. */
const FAILS = (index: number) => index % 5 === 4;
/** Graceful shutdown must fit in the 10 s Docker and systemd give before their own SIGKILL. */
const GRACEFUL_EXIT_MS = 10_000;

/** mulberry32: a tiny seeded generator, so the kill schedule is the same for the same seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface JobRow {
  id: string;
  state: string;
  user_id: string;
  request_id: string | null;
  input_json: string;
  error_kind: string | null;
  error_message: string | null;
  delivered_at: number | null;
  final_message_id: string | null;
}

interface Figures {
  seed: number;
  /** Interactions sent; those that reached a dead bot are lost by Discord, not by the bot. */
  sent: number;
  /** Jobs the bot accepted: rows in its database. */
  jobs: number;
  kills: number;
  /** Accepted jobs without a final state or without a final message. */
  lost: number;
  /** Final messages beyond one per job, plus provider submissions beyond one per job. */
  duplicated: number;
  outcomeUnknown: number;
  submissions: number;
  /** Restarts that found jobs to resume, to deliver, or caught mid-submit. */
  restartsWithWork: number;
  durationMs: number;
}

const promptOf = (row: JobRow): string => (JSON.parse(row.input_json) as { prompt: string }).prompt;
const submitRequests = (runcomfy: FakeRunComfy): RecordedRequest[] =>
  runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
const bodyPrompt = (request: RecordedRequest | undefined): string | undefined =>
  typeof request?.body === 'object' && request.body !== null && 'prompt' in request.body && typeof request.body.prompt === 'string'
    ? request.body.prompt
    : undefined;

interface HoldingProxy {
  /** Hand this to the bot as DISCORD_API_BASE_URL. */
  apiBase: string;
  /** The next final-message post reaches Discord, but its answer is never passed on. */
  holdNextFinalPost(): void;
  /** The nonce of the post being held, once one is. */
  readonly heldNonce: string | undefined;
  /** How many times a final message with this nonce was posted. */
  finalPosts(nonce: string): number;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Hop-by-hop headers: they describe one connection, and the proxy makes its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

/**
 * A pass-through in front of the fake Discord's REST API that can swallow the answer to one
 * final-message post: Discord has stored the message, the bot never hears so. Killing the bot
 * then is the crash between posting and recording delivery, which only the message nonce can
 * make harmless. The gateway is not proxied: its URL comes from GET /gateway/bot, which names
 * the fake itself.
 */
async function startHoldingProxy(targetApiBase: string): Promise<HoldingProxy> {
  const target = new URL(targetApiBase);
  const posts = new Map<string, number>();
  let armed = false;
  let heldNonce: string | undefined;

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
      headers['content-length'] = String(body.length);
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server = createServer((req, res) => {
    (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      // discord.js sends JSON.stringify output, alone or as the payload_json part of a multipart
      // body, so the nonce appears verbatim either way.
      const nonce =
        req.method === 'POST' && /\/channels\/\d+\/messages$/.test(req.url ?? '')
          ? /"nonce":"(final-[^"]+)"/.exec(body.toString('latin1'))?.[1]
          : undefined;
      if (nonce !== undefined) posts.set(nonce, (posts.get(nonce) ?? 0) + 1);
      const hold = armed && nonce !== undefined;
      if (hold) armed = false;
      const answer = await forward(req, body);
      if (hold) {
        // Never answered: the test kills the bot while it waits; closing the proxy drops the socket.
        heldNonce = nonce;
        return;
      }
      const headers: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers).end(answer.body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${target.pathname}`,
    holdNextFinalPost: () => {
      armed = true;
    },
    get heldNonce() {
      return heldNonce;
    },
    finalPosts: (nonce) => posts.get(nonce) ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Ends with `exit`, or with undefined once `ms` passed; the timer is cleared either way. */
async function exitWithin(exited: Promise<ChildExit>, ms: number): Promise<ChildExit | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('crash safety of the bot process', () => {
  const temp = makeTempDir('kling-crash-');
  const dbPath = temp.file('bot.db');
  let discord: FakeDiscord;
  let runcomfy: FakeRunComfy;
  let proxy: HoldingProxy;
  let seed: DefaultSeed;
  let members: string[] = [];
  let env: Record<string, string>;
  /** Tells the background feeder and killer to stop when the test ends early. */
  let finished = false;

  beforeAll(async () => {
    discord = await startFakeDiscord({ botToken: DISCORD_TOKEN, applicationId: APPLICATION_ID });
    seed = discord.seedDefault();
    // One member per job: the per-member limits (2 videos at once, $5 a day) must not refuse
    // jobs that a restart delayed; admission has its own tests.
    // Two spare members for the aimed kills' own jobs, sent only if the feed is already over.
    members = Array.from({ length: JOBS + 2 }, (_, i) => discord.addMember(seed.guildId, { username: `member-${i}` }).userId);
    runcomfy = await startFakeRunComfy({
      token: RUNCOMFY_TOKEN,
      // Short provider times: the bot's own poll cadence (2 s first check, then 3 s / 4 s) is
      // what a job waits for, and it is left as in production.
      defaultScenario: { queueMs: 300, runMs: 300, queuePositions: 2, outcome: 'succeed', video: { kind: 'small' } },
      scenarioFor: (input) =>
        typeof input.prompt === 'string' && input.prompt.includes('(fails)')
          ? { outcome: 'fail', failMessage: 'the shot could not be composed' }
          : {},
    });
    proxy = await startHoldingProxy(discord.apiBase);
    env = childBotEnv({ discordApiBase: proxy.apiBase, runcomfyUrl: runcomfy.url, guildId: seed.guildId, dir: temp.dir });
  });

  afterAll(async () => {
    finished = true;
    await killAllChildBots();
    await proxy?.close();
    await discord?.close();
    await runcomfy?.close();
    temp.remove();
  });

  it(
    `ends every accepted job with exactly one final message through ${KILLS} SIGKILLs, and never submits twice`,
    async () => {
      const startedAt = Date.now();
      const random = seededRandom(SEED);
      let bot = await startChildBot({ env });
      let kills = 0;
      /** What each restart found left over: proof that the kills interrupted real work. */
      const restarts: { resumed: number; undelivered: number; stranded: number }[] = [];

      /** Member `index` asks for a video; every fifth one is set to fail at the provider. */
      const sendJob = (index: number) => {
        const prompt = `chaos job ${String(index).padStart(3, '0')}: a lighthouse in fog${FAILS(index) ? ' (fails)' : ''}`;
        discord.slashCommand({
          guildId: seed.guildId,
          channelId: seed.generalChannelId,
          userId: members[index] as string,
          name: 'video',
          options: [
            {
              type: 1,
              name: 'create',
              options: toOptions({ prompt, duration: 3, sound: false }),
            } as APIApplicationCommandInteractionDataOption,
          ],
        });
      };

      // The feeder: a steady stream of members asking for videos, whether or not the bot is up.
      // While it is down, Discord keeps the interaction for a session that will never resume
      // (the new process identifies afresh), so it is lost before the bot could accept it.
      let sent = 0;
      let fed = false;
      const feeding = (async () => {
        for (let i = 0; i < JOBS && !finished; i++) {
          sendJob(i);
          sent += 1;
          await sleep(PACE_MS);
        }
        fed = true;
      })();
      /** An aimed kill needs a submit or a delivery still to come; after the feed, it makes one. */
      const ensureWork = () => {
        if (!fed) return;
        sendJob(sent);
        sent += 1;
      };

      const crashAndRestart = async () => {
        const exit = await bot.kill('SIGKILL');
        expect(exit.signal).toBe('SIGKILL');
        kills += 1;
        if (finished) return;
        bot = await startChildBot({ env });
        const line = bot.logs().find((l) => l.msg === 'poller starting');
        restarts.push({ resumed: Number(line?.resumed), undelivered: Number(line?.undelivered), stranded: Number(line?.stranded) });
      };

      // The killer: uptimes drawn around an even spread of the kills over the feed, so some
      // land while jobs arrive and some while they are polled and delivered.
      const meanUptimeMs = Math.max(800, (JOBS * PACE_MS) / KILLS);
      // Two kills are aimed, both early so that submits and deliveries are still to come when
      // they are armed: one while a submit is held at the provider, one while the answer to a
      // final message is held back from the bot.
      const designatedKill = Math.floor(random() * 2);
      const deliveryKill = designatedKill === 0 ? 1 + Math.floor(random() * 2) : random() < 0.5 ? 0 : 2;
      let designatedPrompt: string | undefined;
      const killing = (async () => {
        for (let k = 0; k < KILLS && !finished; k++) {
          // The first three uptimes are drawn shorter, so the aimed kills come while work flows.
          await sleep(Math.round(meanUptimeMs * (k <= 2 ? 0.05 + 0.9 * random() : 0.05 + 1.9 * random())));
          if (k === deliveryKill) {
            proxy.holdNextFinalPost();
            ensureWork();
            await discord.waitFor(() => proxy.heldNonce, { timeoutMs: 30_000, description: 'a final message to hold the answer of' });
            await crashAndRestart();
            continue;
          }
          if (k !== designatedKill) {
            await crashAndRestart();
            continue;
          }
          // The next submit reaches the provider, which holds it: the bot has marked the row
          // `submitting` and waits. It is killed now; the fake then takes the job (after
          // SLOW_SUBMIT_MS) and answers a socket that is gone. That is the crash between the
          // provider accepting a job and the bot recording its request id.
          const before = submitRequests(runcomfy).length;
          runcomfy.fault({ route: 'submit', kind: 'slow', delayMs: SLOW_SUBMIT_MS, times: 1 });
          ensureWork();
          const held = await discord.waitFor(() => submitRequests(runcomfy)[before], {
            timeoutMs: 30_000,
            description: 'a submit to hold at the provider',
          });
          designatedPrompt = bodyPrompt(held);
          await crashAndRestart();
        }
      })();

      await Promise.all([feeding, killing]);

      // The bot stays up now until every accepted job is finished and delivered.
      const watch = new Database(dbPath, { readonly: true, fileMustExist: true });
      const terminalList = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');
      const pending = watch.prepare<[], { n: number }>(
        `SELECT COUNT(*) AS n FROM jobs WHERE delivered_at IS NULL OR state NOT IN (${terminalList})`,
      );
      try {
        await discord.waitFor(() => pending.get()?.n === 0, { timeoutMs: 60_000, description: 'every job finished and delivered' });
      } finally {
        watch.close();
      }
      // The held submit is taken by the fake only after its delay: wait for it, so the count of
      // submissions below includes the job the bot never heard back about.
      expect(designatedPrompt).toBeDefined();
      await discord.waitFor(() => [...runcomfy.jobs.values()].some((job) => job.input.prompt === designatedPrompt), {
        timeoutMs: SLOW_SUBMIT_MS + 10_000,
        description: 'the held submit to be accepted by the provider',
      });

      // Graceful stop: SIGTERM, exit code 0, within the time a container runtime allows.
      const graceful = await exitWithin(bot.kill('SIGTERM'), GRACEFUL_EXIT_MS);
      expect(graceful, 'the bot did not exit within 10 s of SIGTERM').toEqual({ code: 0, signal: null });
      expect(bot.logs().some((line) => line.msg === 'stopped cleanly')).toBe(true);

      // ---- what the database, Discord and the provider say ----
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      const rows = db.prepare<[], JobRow>('SELECT * FROM jobs ORDER BY created_at').all();
      db.close();

      const channels = [seed.generalChannelId, ...discord.threads().map((t) => t.id)];
      const allMessages = channels.flatMap((id) => discord.messages(id)).filter((m) => !m.deleted);
      const finals = new Map<string, StoredMessage[]>();
      for (const message of allMessages) {
        if (typeof message.nonce !== 'string' || !message.nonce.startsWith('final-')) continue;
        const list = finals.get(message.nonce) ?? [];
        list.push(message);
        finals.set(message.nonce, list);
      }
      const finalsOf = (row: JobRow) => finals.get(`final-${row.id}`) ?? [];

      const acceptedByPrompt = new Map<string, string[]>();
      for (const job of runcomfy.jobs.values()) {
        const prompt = String(job.input.prompt);
        acceptedByPrompt.set(prompt, [...(acceptedByPrompt.get(prompt) ?? []), job.requestId]);
      }
      const withRequestId = rows.filter((r) => r.request_id !== null);
      // Jobs the provider has but whose row never learned the request id: the bot died mid-submit.
      const acceptedUnknown = rows.filter((r) => r.request_id === null && acceptedByPrompt.has(promptOf(r)));
      const designated = rows.find((r) => promptOf(r) === designatedPrompt);

      const lost = rows.filter(
        (r) => !(TERMINAL_STATES as readonly string[]).includes(r.state) || r.delivered_at === null || finalsOf(r).length === 0,
      );
      const extraMessages = rows.reduce((n, r) => n + Math.max(0, finalsOf(r).length - 1), 0);
      const extraSubmits = [...acceptedByPrompt.values()].reduce((n, ids) => n + Math.max(0, ids.length - 1), 0);
      const figures: Figures = {
        seed: SEED,
        sent,
        jobs: rows.length,
        kills,
        lost: lost.length,
        duplicated: extraMessages + extraSubmits,
        outcomeUnknown: rows.filter((r) => r.state === 'outcome_unknown').length,
        submissions: runcomfy.submissions,
        restartsWithWork: restarts.filter((r) => r.resumed + r.undelivered + r.stranded > 0).length,
        durationMs: Date.now() - startedAt,
      };
      console.log(
        `crash test: ${figures.jobs} jobs accepted of ${figures.sent} sent, ${figures.kills} kills, ${figures.lost} lost, ` +
          `${figures.duplicated} duplicated, ${figures.outcomeUnknown} outcome unknown, ${figures.submissions} submissions, ` +
          `${figures.restartsWithWork} restarts with work left, ` +
          `${(figures.durationMs / 1000).toFixed(1)} s (seed ${SEED})`,
      );
      if (REPORT_PATH) {
        writeFileSync(REPORT_PATH, `${JSON.stringify({ ranAt: new Date().toISOString(), node: process.version, ...figures }, null, 2)}\n`);
      }

      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(rows.length).toBeGreaterThan(0);
      expect(lost.map((r) => `${r.id} ${r.state} delivered=${r.delivered_at} finals=${finalsOf(r).length}`)).toEqual([]);
      expect(extraMessages).toBe(0);
      // No final message for a job the bot has no row for.
      const known = new Set(rows.map((r) => `final-${r.id}`));
      expect([...finals.keys()].filter((nonce) => !known.has(nonce))).toEqual([]);

      const video = readFileSync(TINY_MP4_PATH);
      for (const row of rows) {
        const [final] = finalsOf(row);
        // The row points at the very message members see, even when a crash split post and record.
        expect(row.final_message_id).toBe(final?.id);
        expect(textOf(final)).toContain(`<@${row.user_id}>`);
        expect(final?.pinged.users).toEqual([row.user_id]);
        if (row.state === 'succeeded') {
          expect(final?.attachments).toHaveLength(1);
          expect(final?.attachments[0]?.bytes.equals(video)).toBe(true);
        } else if (row.state === 'failed') {
          expect(promptOf(row)).toContain('(fails)');
          expect(textOf(final)).toContain('could not be made');
        }
      }

      // The job killed mid-submit: outcome unknown, told so, and sent exactly once.
      expect(designated, 'the job whose submit was held has a row').toBeDefined();
      expect(designated?.state).toBe('outcome_unknown');
      expect(designated?.request_id).toBeNull();
      expect(textOf(finalsOf(designated as JobRow)[0])).toContain('not known whether the provider accepted');
      expect(acceptedByPrompt.get(designatedPrompt as string)).toHaveLength(1);

      // The job whose final message was stored but not acknowledged: posted again after the
      // restart (same nonce), and Discord handed back the first message instead of a second.
      const heldNonce = proxy.heldNonce;
      expect(heldNonce, 'a final message was held').toBeDefined();
      expect(proxy.finalPosts(heldNonce as string)).toBeGreaterThanOrEqual(2);
      expect(finals.get(heldNonce as string)).toHaveLength(1);

      // Never twice: each prompt reached the provider at most once, every request id in a row is
      // the provider's job for that row's prompt, and the provider's count is exactly the jobs
      // with a request id plus those (the held one, rarely another) it took while the bot died.
      expect(extraSubmits).toBe(0);
      for (const row of withRequestId) {
        expect(runcomfy.jobs.get(row.request_id as string)?.input.prompt).toBe(promptOf(row));
      }
      expect(acceptedUnknown.every((r) => r.state === 'outcome_unknown')).toBe(true);
      expect(acceptedUnknown.map((r) => r.id)).toContain(designated?.id);
      expect(runcomfy.submissions).toBe(withRequestId.length + acceptedUnknown.length);

      // A restart after a clean stop finds nothing to do and posts nothing.
      const snapshot = (messages: StoredMessage[]) => messages.map((m) => `${m.id}:${m.edits}:${m.deleted}`).sort();
      const before = snapshot(channels.flatMap((id) => discord.messages(id)));
      const submissionsBefore = runcomfy.submissions;
      bot = await startChildBot({ env });
      const resumedLine = bot.logs().find((line) => line.msg === 'poller starting');
      expect(resumedLine).toMatchObject({ resumed: 0, undelivered: 0, stranded: 0 });
      expect(await exitWithin(bot.kill('SIGTERM'), GRACEFUL_EXIT_MS)).toEqual({ code: 0, signal: null });
      const channelsAfter = [seed.generalChannelId, ...discord.threads().map((t) => t.id)];
      expect(snapshot(channelsAfter.flatMap((id) => discord.messages(id)))).toEqual(before);
      expect(runcomfy.submissions).toBe(submissionsBefore);
    },
    90_000 + JOBS * PACE_MS + KILLS * 10_000,
  );
});
