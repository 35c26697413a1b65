/** The /video sub-commands and the form submit, run with plain inputs on a temporary database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordCodes } from '../../src/discord/channelPoster.js';
import { NO_DEFER } from '../../src/discord/handler.js';
import { videoAnimate } from '../../src/discord/handlers/videoAnimate.js';
import { videoCreate } from '../../src/discord/handlers/videoCreate.js';
import { type VideoFormInput, videoFormSubmit } from '../../src/discord/handlers/videoFormSubmit.js';
import { videoHelp } from '../../src/discord/handlers/videoHelp.js';
import { videoJobs } from '../../src/discord/handlers/videoJobs.js';
import { videoMultishot } from '../../src/discord/handlers/videoMultishot.js';
import { videoStatus } from '../../src/discord/handlers/videoStatus.js';
import { videoUsage } from '../../src/discord/handlers/videoUsage.js';
import { setFields } from '../../testkit/jobSteps.js';
import { CHANNEL, countingAck, GUILD, type Harness, makeHarness, OTHER, OWNER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (view: { type: string; content?: string }) => (view.type === 'message' ? view.content : `(${view.type})`);

describe('video.create', () => {
  it('defers, posts a status card, submits once and says where the video will arrive', async () => {
    const ack = countingAck();
    const view = await videoCreate.run({ member: h.member(), options: { prompt: 'a paper boat', duration: 5 } }, h.deps, ack);
    expect(ack.count).toBe(1);
    expect(text(view)).toMatch(/^Your video is in the queue \(about \$0\.\d\d\)\. I will post it in <#\d+> when it is ready\.$/);
    expect(h.posted).toHaveLength(1);
    expect(h.submits).toEqual([expect.objectContaining({ prompt: 'a paper boat', duration: 5 })]);
    const [job] = await h.storage.jobs.recentByUser(GUILD, OWNER, 5);
    expect(job).toMatchObject({ state: 'queued', statusMessageId: expect.any(String), threadId: expect.any(String) });
  });

  it('answers an invalid option with the field and its limit, sending nothing', async () => {
    const view = await videoCreate.run({ member: h.member(), options: { prompt: 'a boat', duration: 99 } }, h.deps, NO_DEFER);
    expect(text(view)).toMatch(/duration/i);
    expect(h.submits).toHaveLength(0);
    expect(await h.storage.jobs.recentByUser(GUILD, OWNER, 5)).toEqual([]);
  });

  it('refuses in a channel that takes no bot messages, ending the row unbilled', async () => {
    h.failNextPost(DiscordCodes.MissingAccess);
    const view = await videoCreate.run({ member: h.member(), options: { prompt: 'a paper boat' } }, h.deps, NO_DEFER);
    expect(text(view)).toContain('I cannot post messages in this channel');
    expect(h.submits).toHaveLength(0);
    const [job] = await h.storage.jobs.recentByUser(GUILD, OWNER, 5);
    expect(job).toMatchObject({ state: 'failed', errorKind: 'cannot_post', deliveredAt: expect.any(Number) });
  });

  it('words an admission refusal from its kind', async () => {
    await h.storage.settings.update(GUILD, { allowedChannelIds: ['510000000000000000'] }, OWNER);
    const view = await videoCreate.run({ member: h.member(), options: { prompt: 'a paper boat' } }, h.deps, NO_DEFER);
    expect(text(view)).toBe("Videos can't be made in this channel. Use <#510000000000000000> instead.");
  });
});

describe('video.multishot', () => {
  it('opens the empty multi-shot form', async () => {
    const view = await videoMultishot.run({ member: h.member() }, h.deps, NO_DEFER);
    expect(view).toMatchObject({ type: 'modal', modal: { custom_id: 'form:new', title: 'Multi-shot video' } });
  });
});

describe('video.animate', () => {
  it('opens the upload form without deferring when no picture is given, prefilled with the options', async () => {
    const ack = countingAck();
    const view = await videoAnimate.run({ member: h.member(), options: { prompt: 'waves' } }, h.deps, ack);
    expect(ack.count).toBe(0);
    expect(view).toMatchObject({ type: 'modal', modal: { custom_id: 'form:picture', title: 'Animate a picture' } });
    expect(JSON.stringify(view)).toContain('"value":"waves"');
  });

  it('says so, rather than dropping it, when only an end image is given', async () => {
    const ack = countingAck();
    const end = { url: 'https://cdn.example/end.png', filename: 'end.png', contentType: 'image/png', size: 2048, width: 640, height: 360 };
    const view = await videoAnimate.run({ member: h.member(), options: { prompt: 'waves', end_image: end } }, h.deps, ack);
    expect(view).toEqual({
      type: 'message',
      content: 'An end image needs a first image: attach `image` as well, or leave both out and upload them in the form.',
    });
    expect(ack.count).toBe(0);
    expect(h.submits).toHaveLength(0);
  });
});

describe('video.jobs', () => {
  it('lists the member’s jobs and hides a removed prompt', async () => {
    const kept = await h.job({ prompt: 'kept prompt' });
    const gone = await h.job({ prompt: 'secret prompt' });
    await h.storage.jobs.transition(gone.id, setFields('created', { deletedAt: h.clock.now() }));
    const view = await videoJobs.run({ member: h.member() }, h.deps, NO_DEFER);
    expect(text(view)).toContain('**Your recent videos**');
    expect(text(view)).toContain(`\`${kept.id}\` kept prompt`);
    expect(text(view)).not.toContain('secret prompt');
  });

  it('points a newcomer at /video create', async () => {
    expect(text(await videoJobs.run({ member: h.member(OTHER) }, h.deps, NO_DEFER))).toContain('Try `/video create`');
  });
});

describe('video.status', () => {
  it('shows one job of this server, whatever the case of the id', async () => {
    const job = await h.job();
    const view = await videoStatus.run({ member: h.member(OTHER), options: { job: ` ${job.id.toUpperCase()} ` } }, h.deps, NO_DEFER);
    expect(text(view)).toContain(`**Job \`${job.id}\`** by <@${OWNER}>`);
    expect(text(view)).toContain('a paper boat on a rainy street');
  });

  it('says plainly when there is no such job here', async () => {
    const view = await videoStatus.run({ member: h.member(), options: { job: 'nosuchjob1' } }, h.deps, NO_DEFER);
    expect(text(view)).toBe('There is no job `nosuchjob1` in this server.');
  });
});

describe('video.usage', () => {
  it('reports today’s spend against the budgets and the jobs in progress', async () => {
    await h.storage.settings.update(GUILD, { dailyBudgetPerMemberUsd: 5 }, OWNER);
    await videoCreate.run({ member: h.member(), options: { prompt: 'a paper boat', duration: 5 } }, h.deps, NO_DEFER);
    const view = await videoUsage.run({ member: h.member() }, h.deps, NO_DEFER);
    const lines = (text(view) ?? '').split('\n');
    expect(lines[0]).toBe('**Your usage today** (UTC day)');
    expect(lines[1]).toMatch(/^You: \$0\.\d\d of \$5\.00 \(\$4\.\d\d left\)$/);
    expect(lines).toContain('Your videos today: 1 queued');
    expect(lines).toContain('In progress now: 1 of 2 allowed at once');
  });

  it('counts the videos waiting in the line apart from those in progress', async () => {
    await h.storage.settings.update(GUILD, { maxConcurrentPerMember: 1, maxWaitingPerMember: 5 }, OWNER);
    for (const prompt of ['one', 'two', 'three']) {
      await videoCreate.run({ member: h.member(), options: { prompt, duration: 5 } }, h.deps, NO_DEFER);
    }
    const lines = (text(await videoUsage.run({ member: h.member() }, h.deps, NO_DEFER)) ?? '').split('\n');
    expect(lines).toContain('In progress now: 1 of 1 allowed at once');
    expect(lines).toContain("Waiting in this server's line: 2 (yours: 2)");
  });
});

describe('video.help', () => {
  it('quotes the configured prices', async () => {
    const view = await videoHelp.run({ member: {} }, h.deps, NO_DEFER);
    expect(text(view)).toContain('**Making videos with Kling 3.0**');
    expect(text(view)).toContain('Cost: about $0.168 a second with sound, $0.112 without.');
  });
});

describe('form.submit', () => {
  const input = (overrides: Partial<VideoFormInput> = {}): VideoFormInput => ({
    member: h.member(),
    form: {},
    values: { prompt: 'a fox in snow', multi_prompt: '5 | the fox runs\n5 | the fox sleeps' },
    uploads: {},
    channelFacts: (id) => ({ id, type: 0, parentId: null }),
    canPostIn: async () => true,
    ...overrides,
  });

  it('starts a multi-shot video from the form', async () => {
    const view = await videoFormSubmit.run(input(), h.deps, NO_DEFER);
    expect(text(view)).toContain('Your video is in the queue');
    expect(h.submits[0]).toMatchObject({ multi_prompt: [expect.anything(), expect.anything()] });
  });

  it('refuses a form id it did not make', async () => {
    expect(text(await videoFormSubmit.run(input({ form: undefined }), h.deps, NO_DEFER))).toBe('That form is not one of mine.');
  });

  it('refuses an upload form that came back without its picture, sending nothing', async () => {
    const view = await videoFormSubmit.run(input({ form: { upload: true }, values: { prompt: 'p' }, uploads: {} }), h.deps, NO_DEFER);
    expect(text(view)).toContain('No picture came with the form');
    expect(h.submits).toHaveLength(0);
  });

  it('takes the member’s defaults for what a new form leaves out', async () => {
    await h.storage.preferences.update(GUILD, h.member().userId, { aspectRatio: '9:16', sound: false });
    await videoFormSubmit.run(input({ values: { prompt: 'p', multi_prompt: '3 | a\n4 | b' } }), h.deps, NO_DEFER);
    expect(h.submits[0]).toMatchObject({ aspect_ratio: '9:16', sound: false, duration: 7 });
  });

  it('refuses a remix of a removed video', async () => {
    const parent = await h.job();
    await h.storage.jobs.transition(parent.id, setFields('created', { deletedAt: h.clock.now() }));
    const view = await videoFormSubmit.run(input({ form: { parentId: parent.id } }), h.deps, NO_DEFER);
    expect(text(view)).toBe('The video you are remixing no longer exists.');
  });

  it('makes a remix from the showcase in its parent’s channel, only if the member may post there', async () => {
    const SHOWCASE = '520000000000000000';
    await h.storage.settings.update(GUILD, { showcaseChannelId: SHOWCASE }, OWNER);
    const parent = await h.job();
    const fromShowcase = h.member(OTHER, { channel: { id: SHOWCASE, type: 0, parentId: null } });
    const closed = await videoFormSubmit.run(
      input({ member: fromShowcase, form: { parentId: parent.id }, canPostIn: async () => false }),
      h.deps,
      NO_DEFER,
    );
    expect(text(closed)).toContain('cannot be made there');
    const open = await videoFormSubmit.run(input({ member: fromShowcase, form: { parentId: parent.id } }), h.deps, NO_DEFER);
    expect(text(open)).toContain('Your video is in the queue');
    expect(h.posted.at(-1)?.channelId).toBe(CHANNEL);
  });
});
