import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { copyFor, EN } from '../src/discord/copy.js';
import { COMPONENTS_V2 } from '../src/discord/discordLimits.js';
import { CARD_COLORS, renderStatusComponents, threadName } from '../src/discord/render.js';
import { tooLargeLead } from '../src/discord/views/deliveryText.js';
import { renderFinalCard, renderShowcaseCard, renderStatusCard, withButtons } from '../src/discord/views/jobCard.js';
import { renderTakesCard, withoutTakeVideo } from '../src/discord/views/takesCard.js';
import type { Job } from '../src/jobs/job.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { codePointLength } from '../src/text/truncate.js';
import { checkComponentsV2 } from '../testkit/discord/componentsV2.js';
import { FormErrors } from '../testkit/discord/errors.js';

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'abcdef1234',
    guildId: '1',
    channelId: '2',
    userId: '3',
    threadId: null,
    statusMessageId: null,
    input: parseVideoInput({ prompt: 'a fox' }),
    kind: 'new',
    modelId: 'kling-3.0-pro-t2v',
    images: null,
    parentId: null,
    takeGroup: null,
    state: 'queued',
    requestId: 'r',
    providerStatus: 'in_queue',
    queuePosition: null,
    errorKind: null,
    errorMessage: null,
    resultUrl: null,
    estimateUsd: 0.84,
    costUsd: null,
    cancelRefusedAt: null,
    createdAt: 0,
    updatedAt: 0,
    submittedAt: 0,
    startedAt: null,
    finishedAt: null,
    nextPollAt: null,
    leaseOwner: null,
    pollFailures: 0,
    deliveryAttempts: 0,
    deliveredAt: null,
    finalChannelId: null,
    finalMessageId: null,
    deletedAt: null,
    ...overrides,
  };
}

type Node = {
  type?: number;
  content?: string;
  components?: Node[];
  accessory?: Node;
  items?: { media: { url: string }; description?: string }[];
  media?: { url: string };
  label?: string;
  custom_id?: string;
  disabled?: boolean;
  accent_color?: number;
};

function nodes(layout: readonly unknown[]): Node[] {
  const out: Node[] = [];
  const visit = (node: Node | undefined) => {
    if (!node) return;
    out.push(node);
    for (const child of node.components ?? []) visit(child);
    visit(node.accessory);
  };
  for (const node of layout as Node[]) visit(node);
  return out;
}
const texts = (layout: readonly unknown[]) => nodes(layout).flatMap((n) => (n.type === ComponentType.TextDisplay ? [n.content ?? ''] : []));
const labels = (layout: readonly unknown[]) => nodes(layout).flatMap((n) => (n.type === ComponentType.Button ? [n.label] : []));

/** What the loopback Discord, which checks what Discord checks, says of a layout. */
function refusal(layout: readonly unknown[], attachments: string[] = []): unknown {
  const errors = new FormErrors();
  checkComponentsV2(errors, layout, { attachmentNames: new Set(attachments) });
  try {
    errors.throwIfAny();
    return undefined;
  } catch (error) {
    return error;
  }
}

const LONGEST = parseVideoInput({
  prompt: 'p'.repeat(2500),
  negative_prompt: 'n'.repeat(2500),
  duration: 15,
  multi_prompt: Array.from({ length: 5 }, () => ({ prompt: 's'.repeat(512), duration: 3 })),
});

describe('rendering a job', () => {
  it('keeps the largest possible cards within Discord’s components-v2 limits', () => {
    const long = `https://cdn.example.com/v.mp4?sig=${'x'.repeat(1500)}`;
    const layouts = [
      renderStatusCard(job({ input: LONGEST, state: 'failed', errorMessage: 'e'.repeat(3000) }), 0, EN, {}, 'attachment://start.png'),
      renderFinalCard(job({ input: LONGEST, state: 'succeeded' }), 0, { kind: 'video', fileName: 'video-abcdef1234.mp4' }, EN, {
        showcase: true,
      }),
      renderFinalCard(job({ input: LONGEST, state: 'succeeded' }), 0, { kind: 'link', lead: tooLargeLead(EN, '3'), url: long }, EN),
      renderFinalCard(
        job({ input: LONGEST, state: 'failed', errorMessage: 'e'.repeat(3000) }),
        0,
        {
          kind: 'notice',
          text: 'x'.repeat(5000),
        },
        EN,
      ),
      renderShowcaseCard(job({ input: LONGEST, state: 'succeeded' }), 0, 'video-abcdef1234.mp4', EN),
    ];
    for (const layout of layouts) {
      expect(refusal(layout, ['start.png', 'video-abcdef1234.mp4'])).toBeUndefined();
      expect(texts(layout).join('').length).toBeLessThanOrEqual(COMPONENTS_V2.textTotalMax);
      expect(nodes(layout).length).toBeLessThanOrEqual(COMPONENTS_V2.componentsMax);
    }
  });

  it('lets the prompt give way so that a link fits whole', () => {
    const url = `https://cdn.example.com/v.mp4?sig=${'x'.repeat(2500)}`;
    const layout = renderFinalCard(
      job({ input: LONGEST, state: 'succeeded' }),
      0,
      {
        kind: 'link',
        lead: tooLargeLead(EN, '3'),
        url,
      },
      EN,
    );
    const all = texts(layout).join('\n');
    expect(all).toContain(url);
    expect(all).toContain('p'.repeat(100));
    expect(all).not.toContain('p'.repeat(2500));
    expect(texts(layout).join('').length).toBeLessThanOrEqual(COMPONENTS_V2.textTotalMax);
  });

  it('says the link is too long rather than cut it when even a card without a prompt cannot hold it', () => {
    const url = `https://cdn.example.com/v.mp4?sig=${'x'.repeat(5000)}`;
    const layout = renderFinalCard(job({ state: 'succeeded' }), 0, { kind: 'link', lead: tooLargeLead(EN, '3'), url }, EN);
    const all = texts(layout).join('\n');
    expect(all).not.toContain('https://cdn.example.com');
    expect(all).toContain('5,034 characters');
    expect(refusal(layout)).toBeUndefined();
  });

  it('puts the video in a gallery beside the ping line, the job and the finished job’s buttons', () => {
    const done = job({ state: 'succeeded', costUsd: 0.84, input: parseVideoInput({ prompt: 'a fox <@9> @everyone' }) });
    const layout = renderFinalCard(done, 0, { kind: 'video', fileName: 'video-abcdef1234.mp4' }, EN, { showcase: true, shared: true });
    expect(layout).toHaveLength(1);
    expect(layout[0]).toMatchObject({ type: ComponentType.Container, accent_color: CARD_COLORS.succeeded });
    expect(texts(layout)[0]).toBe('<@3> your video is ready!');
    const gallery = nodes(layout).find((n) => n.type === ComponentType.MediaGallery);
    expect(gallery?.items).toEqual([{ media: { url: 'attachment://video-abcdef1234.mp4' }, description: 'a fox <@9> @everyone' }]);
    const all = texts(layout).join('\n');
    expect(all).toContain('### Video\na fox <@9> @everyone');
    expect(all).toContain('**Settings:** 5s');
    expect(all).toContain('**Cost:** $0.84');
    expect(all).toContain('**Requested by:** <@3>');
    const buttons = nodes(layout).filter((n) => n.type === ComponentType.Button);
    expect(buttons.map((b) => [b.label, b.disabled])).toEqual([
      ['Shared to showcase', true],
      ['Remix', false],
      ['Delete', false],
      ['Render again in 4K', false],
      ['Extend', false],
      ['GIF', false],
    ]);
    expect(refusal(layout)).toMatchObject({ status: 400 });
    expect(refusal(layout, ['video-abcdef1234.mp4'])).toBeUndefined();
  });

  it('shows the picture of a picture-to-video job beside its prompt, and a failure with Retry', () => {
    const failed = job({ state: 'failed', errorKind: 'provider_failed', errorMessage: 'render failed' });
    const layout = renderFinalCard(
      failed,
      0,
      { kind: 'notice', text: EN.finalFailureText(failed) },
      EN,
      {},
      'https://cdn.example.com/start.png',
    );
    const section = nodes(layout).find((n) => n.type === ComponentType.Section);
    expect(section?.accessory).toEqual({ type: ComponentType.Thumbnail, media: { url: 'https://cdn.example.com/start.png' } });
    expect(section?.components?.[0]?.content).toContain('a fox');
    expect(texts(layout)[0]).toContain('render failed');
    expect(labels(layout)).toEqual(['Retry', 'Edit & retry']);
    expect(nodes(layout).some((n) => n.type === ComponentType.MediaGallery)).toBe(false);
  });

  it('keeps no trace of a removed job’s prompt, and offers nothing', () => {
    const removed = job({
      state: 'succeeded',
      deletedAt: 1,
      input: parseVideoInput({ prompt: 'a secret fox', negative_prompt: 'secret' }),
    });
    const layout = renderStatusCard(removed, 0, EN, { showcase: true }, 'attachment://start.png');
    expect(JSON.stringify(layout)).not.toContain('secret');
    expect(texts(layout).join('\n')).toContain('Video removed');
    expect(labels(layout)).toEqual([]);
    expect(nodes(layout).some((n) => n.type === ComponentType.Thumbnail)).toBe(false);
    expect(layout[0]).toMatchObject({ accent_color: CARD_COLORS.cancelled });
  });

  it('writes the card in the server’s language', () => {
    const layout = renderStatusCard(job({ state: 'running', startedAt: 0 }), 30_000, copyFor('fr'));
    const all = texts(layout).join('\n');
    expect(all).toContain('**Demandée par :** <@3>');
    expect(all).toContain('**Réglages :**');
    expect(copyFor('ja').t('card.line', { label: '設定', value: '5秒' })).toBe('**設定：** 5秒');
  });

  it('posts to the showcase with Remix only and no state line', () => {
    const layout = renderShowcaseCard(job({ state: 'succeeded' }), 0, 'video-abcdef1234.mp4', EN);
    expect(labels(layout)).toEqual(['Remix']);
    expect(texts(layout)[0]).toBe('🎬 A video by <@3>');
    expect(texts(layout).join('\n')).not.toContain('**Status:**');
  });

  it('swaps a posted card’s buttons, turning the links Discord resolved back into the files they stand for', () => {
    const done = job({ state: 'succeeded' });
    const posted = renderFinalCard(done, 0, { kind: 'video', fileName: 'video-abcdef1234.mp4' }, EN, { showcase: true });
    // Discord echoes `attachment://` as the file's signed CDN link and the attachment's id.
    const echoed = JSON.parse(
      JSON.stringify(posted).replace(
        '"url":"attachment://video-abcdef1234.mp4"',
        '"url":"https://cdn.example.com/a/77/video-abcdef1234.mp4?ex=1","attachment_id":"77"',
      ),
    ) as unknown[];
    const redrawn = withButtons(
      {
        components: echoed,
        attachments: [{ id: '77', filename: 'video-abcdef1234.mp4', url: 'https://cdn.example.com/a/77/video-abcdef1234.mp4?ex=2' }],
      },
      done.id,
      renderStatusComponents(done, { showcase: true, shared: true }, EN),
    );
    expect(redrawn).toBeDefined();
    expect(labels(redrawn ?? [])).toEqual(['Shared to showcase', 'Remix', 'Delete', 'Render again in 4K', 'Extend', 'GIF']);
    expect(nodes(redrawn ?? []).find((n) => n.type === ComponentType.MediaGallery)?.items?.[0]?.media).toEqual({
      url: 'attachment://video-abcdef1234.mp4',
    });
    expect(texts(redrawn ?? [])).toEqual(texts(posted));
    // A final message of an older release (a line and a file) has no card to redraw.
    expect(withButtons({ components: [], attachments: [] }, done.id, [])).toBeUndefined();
  });

  it('offers Cancel while queued, a disabled note while rendering, and what fits after', () => {
    const labels = (j: Job) =>
      renderStatusComponents(j, { showcase: true }, EN).flatMap((r) => r.components.map((c) => ('label' in c ? c.label : '')));
    expect(labels(job())).toEqual(['Cancel']);
    expect(labels(job({ state: 'running' }))).toEqual(['Rendering: can no longer cancel']);
    expect(labels(job({ state: 'succeeded' }))).toEqual(['Share to showcase', 'Remix', 'Delete', 'Render again in 4K', 'Extend', 'GIF']);
    // A draft climbs one tier at a time; 4K, the top, offers none.
    expect(labels(job({ state: 'succeeded', modelId: 'kling-3.0-standard-t2v' }))).toContain('Render again in Pro');
    expect(labels(job({ state: 'succeeded', modelId: 'kling-3.0-4k-t2v' }))).toEqual([
      'Share to showcase',
      'Remix',
      'Delete',
      'Extend',
      'GIF',
    ]);
    expect(labels(job({ state: 'failed' }))).toEqual(['Retry', 'Edit & retry']);
    expect(labels(job({ state: 'succeeded', deletedAt: 1 }))).toEqual([]);
    for (const row of renderStatusComponents(job({ state: 'succeeded' }), { showcase: true }, EN)) {
      for (const c of row.components) if ('custom_id' in c) expect(c.custom_id.length).toBeLessThanOrEqual(100);
    }
  });

  it('names threads from the prompt without mention syntax, within 100 characters', () => {
    const name = threadName(job({ input: parseVideoInput({ prompt: `@everyone <@&123> ${'long '.repeat(40)}` }) }));
    expect(name).not.toMatch(/[@<>]/);
    // Discord counts a name's characters as code points: the 🎬 is one, though two UTF-16 units.
    expect(codePointLength(name)).toBe(100);
  });
});

describe('the takes card', () => {
  const takes = ['take000001', 'take000002', 'take000003', 'take000004'].map((id) =>
    job({ id, state: 'succeeded', resultUrl: `https://cdn.example/${id}.mp4`, takeGroup: 'group00001' }),
  );

  it('holds four takes with every button, the most a card carries, within what Discord accepts', () => {
    // Pro has a tier above (Render again in 4K) and the showcase adds Share: the longest rows.
    const layout = renderTakesCard(
      takes.map((take) => ({ job: take, outcome: { kind: 'video', fileName: `video-${take.id}.mp4` }, flags: { showcase: true } })),
      EN,
    );
    expect(
      refusal(
        layout,
        takes.map((take) => `video-${take.id}.mp4`),
      ),
    ).toBeUndefined();
    expect(nodes(layout).length).toBeLessThanOrEqual(COMPONENTS_V2.componentsMax);
    const gallery = nodes(layout).find((node) => node.type === ComponentType.MediaGallery);
    expect(gallery?.items?.map((item) => item.media.url)).toEqual(takes.map((take) => `attachment://video-${take.id}.mp4`));
  });

  it('redraws one take’s buttons in that take’s place, before the next take’s', () => {
    const layout = renderTakesCard(
      takes.slice(0, 2).map((take) => ({ job: take, outcome: { kind: 'video', fileName: `video-${take.id}.mp4` }, flags: {} })),
      EN,
    );
    const shared = renderStatusComponents(takes[0] as Job, { showcase: true, shared: true }, EN);
    const redrawn = withButtons({ components: layout, attachments: [] }, 'take000001', shared) ?? [];
    const order = nodes(redrawn).flatMap((node) => (node.custom_id ? [node.custom_id] : []));
    expect(order[0]).toBe('job:share:take000001');
    expect(order.indexOf('job:delete:take000001')).toBeLessThan(order.indexOf('job:remix:take000002'));
  });

  it('names a take without a video, keeps its own buttons, and can drop one take’s video', () => {
    const failed = { ...takes[1], state: 'failed', resultUrl: null } as Job;
    const layout = renderTakesCard(
      [
        { job: takes[0] as Job, outcome: { kind: 'video', fileName: 'video-take000001.mp4' }, flags: {} },
        { job: failed, outcome: { kind: 'none', reason: 'the render broke' }, flags: {} },
      ],
      EN,
    );
    const texts = nodes(layout).flatMap((node) => (node.content ? [node.content] : []));
    expect(texts).toContain('Take 2: the render broke');
    expect(nodes(layout).some((node) => node.custom_id === `job:retry:${failed.id}`)).toBe(true);
    const without = withoutTakeVideo(layout, 'video-take000001.mp4');
    expect(nodes(without).some((node) => node.type === ComponentType.MediaGallery)).toBe(false);
    expect(texts.length).toBe(nodes(without).filter((node) => node.content).length);
  });
});
