/**
 * The PostgreSQL server going away while the bot runs, and coming back: `/healthz` says 503 with
 * the reason meanwhile, no job ends because of it, and the poller and the handlers carry on once
 * the database is back. A real embedded server, stopped and started again on the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from '../testkit/postgres/server.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';

let postgres: PostgresServer;
let world: World | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await postgres?.stop();
});

async function health(
  w: World,
): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; reason?: string }> } }> {
  const res = await fetch(`${w.app.ops?.url}/healthz?verbose=1`);
  return { status: res.status, body: (await res.json()) as never };
}

describe('the database going away while the bot runs', () => {
  it('reports 503 with the reason, ends no job, and carries on when the database is back', async () => {
    const { url } = await postgres.freshDatabase();
    world = await startWorld({
      realTime: true,
      env: { DATABASE_URL: url, HTTP_PORT: '0' },
      // Long enough in the queue that the job is still unfinished while the database is away.
      scenario: { queueMs: 2500, runMs: 300, outcome: 'succeed', video: { kind: 'small' } },
    });
    const w = world;
    await w.passTimeUntil(() => w.app.poller.lastTickAt > 0, 10_000);
    expect((await health(w)).status).toBe(200);

    const before = w.video(w.seed.requesterId, { prompt: 'a lighthouse before the outage', duration: 3 });
    expect(await before.response()).toMatchObject({ kind: 'callback', type: 5 });
    const submitted = await w.waitForJob((job) => job.state === 'queued');

    await postgres.pause();
    const down = await w.passTimeUntil(async () => {
      const report = await health(w);
      return report.status === 503 && report;
    }, 10_000);
    expect(down.body.status).toBe('failing');
    expect(down.body.checks.database).toMatchObject({ ok: false, reason: expect.stringContaining('cannot reach PostgreSQL') });
    // A member asking meanwhile is told something went wrong, not left without an answer.
    const during = w.video(w.seed.otherMemberId, { prompt: 'a lighthouse during the outage', duration: 3 });
    const answer = await during.response({ timeoutMs: 15_000 });
    expect(answer.kind).toBe('callback');
    // It was not taken, and the member is told to send it again rather than that nothing was lost.
    const told = answer.type === 4 ? answer : (await during.waitForResponses(2, { timeoutMs: 15_000 }))[1];
    expect(String(told?.data?.content)).toBe(
      'Something went wrong on my side, and your request was not taken. Please send it again in a moment.',
    );
    // The provider finishes the job while the bot cannot write it down.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    await postgres.resume();
    await w.passTimeUntil(async () => (await health(w)).status === 200, 20_000);
    const delivered = await w.waitDelivered(submitted.id, 30_000);
    expect(delivered).toMatchObject({ state: 'succeeded', pollFailures: 0 });
    const inThread = w.discord.messages(delivered.threadId as string);
    expect(inThread.filter((m) => m.attachments.length === 1)).toHaveLength(1);

    // Interactions are taken again as before.
    const after = w.video(w.seed.otherMemberId, { prompt: 'a lighthouse after the outage', duration: 3 });
    expect(await after.response()).toMatchObject({ kind: 'callback', type: 5 });
    const next = await w.waitForJob((job) => job.input.prompt === 'a lighthouse after the outage');
    expect((await w.waitDelivered(next.id, 30_000)).state).toBe('succeeded');
  }, 120_000);
});
