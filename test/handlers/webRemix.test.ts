/** Remix from the web gallery through the Discord adapter's one path to a job, on a temporary database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { de } from '../../src/discord/i18n/de.js';
import { createWebRemix } from '../../src/discord/webRemix.js';
import type { Job } from '../../src/jobs/job.js';
import { setFields, step } from '../../testkit/jobSteps.js';
import { CHANNEL, GUILD, type Harness, makeHarness, OTHER, OWNER } from './harness.js';

let h: Harness;
let remix: ReturnType<typeof createWebRemix>;
beforeEach(async () => {
  h = await makeHarness();
  remix = createWebRemix(h.deps, (id) => ({ id, type: undefined, parentId: null }));
});
afterEach(async () => {
  await h.close();
});

async function finished(prompt = 'gulls over a harbour'): Promise<Job> {
  const job = await h.job({ prompt });
  await h.storage.jobs.transition(job.id, step('created', 'submitting'));
  await h.storage.jobs.transition(job.id, step('submitting', 'queued', { requestId: 'req-parent' }));
  return (await h.storage.jobs.transition(job.id, step('queued', 'succeeded', { finishedAt: h.clock.now() }))) as Job;
}

const asker = { userId: OTHER, roleIds: [] as string[], isModerator: false, locale: 'en-US' };

describe('a remix asked for on the web', () => {
  it("starts in the parent's channel with the parent's settings and the new prompt, as the member", async () => {
    const parent = await finished();
    const result = await remix({ ...asker, parent, prompt: 'gulls over a harbour at night' });
    expect(result).toMatchObject({ ok: true, waiting: false });
    const job = await h.storage.jobs.get((result as { jobId: string }).jobId);
    expect(job).toMatchObject({ kind: 'remix', parentId: parent.id, userId: OTHER, guildId: GUILD, channelId: CHANNEL, state: 'queued' });
    expect(job?.input).toEqual({ ...parent.input, prompt: 'gulls over a harbour at night' });
    expect(h.posted.map((p) => p.channelId)).toEqual([CHANNEL]);
    expect(h.submits).toEqual([expect.objectContaining({ prompt: 'gulls over a harbour at night' })]);
  });

  it('refuses, in the member’s language, a video deleted since the page was drawn, and makes nothing', async () => {
    const parent = await finished();
    await h.storage.jobs.transition(parent.id, setFields('succeeded', { deletedAt: h.clock.now() }));
    expect(await remix({ ...asker, locale: 'de', parent, prompt: 'again' })).toEqual({ ok: false, reason: de['refusal.remixRemoved'] });
    expect(h.posted).toEqual([]);
    expect(h.submits).toEqual([]);
  });

  it('refuses a prompt the model does not take, naming the limit, and makes nothing', async () => {
    const parent = await finished();
    const result = await remix({ ...asker, parent, prompt: 'x'.repeat(2_501) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Your request was not sent: .*2,?500/) });
    expect(await h.storage.jobs.all()).toHaveLength(1);
    expect(h.submits).toEqual([]);
  });

  it("refuses under the server's admission rules, as the button does: a role the member lacks", async () => {
    const parent = await finished();
    await h.storage.settings.update(GUILD, { requiredRoleId: '500000000000000099' }, OWNER);
    const result = await remix({ ...asker, parent, prompt: 'gulls again' });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('role to make videos on this server') });
    expect(await h.storage.jobs.all()).toHaveLength(1);
    const allowed = await remix({ ...asker, roleIds: ['500000000000000099'], parent, prompt: 'gulls again' });
    expect(allowed).toMatchObject({ ok: true });
  });
});
