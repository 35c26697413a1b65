/**
 * The one final card of a request's takes (takes.ts): their videos in one media gallery, the
 * takes that brought none named with their reason, and each take's own buttons, in take order.
 * Pure: data in, Discord's JSON out.
 */
import { type APIComponentInContainer, type APIMessageTopLevelComponent, ComponentType, SeparatorSpacingSize } from 'discord.js';
import type { Job } from '../../jobs/job.js';
import { truncate } from '../../text/truncate.js';
import type { Copy } from '../copy.js';
import { COMPONENTS_V2 } from '../discordLimits.js';
import { mention } from '../markup.js';
import { CARD_COLORS, type RenderFlags, renderStatusComponents } from '../render.js';

/** What became of one take at delivery. */
export type TakeOutcome =
  /** Uploaded with the card under this file name. */
  | { kind: 'video'; fileName: string }
  /** No video on the card: why (a failed render, a file that could not be fetched or fitted). */
  | { kind: 'none'; reason: string };

export interface TakeOnCard {
  job: Job;
  outcome: TakeOutcome;
  flags: RenderFlags;
}

/** The longest the shared prompt runs on the card: the reasons and labels keep the rest of the text budget. */
const PROMPT_MAX = 1500;

export function renderTakesCard(takes: readonly TakeOnCard[], copy: Copy): APIMessageTopLevelComponent[] {
  const { t } = copy;
  const [first] = takes;
  if (!first) throw new Error('a takes card needs at least one take');
  const videos = takes.flatMap((take, index) => (take.outcome.kind === 'video' ? [{ take, index, fileName: take.outcome.fileName }] : []));
  const children: APIComponentInContainer[] = [
    { type: ComponentType.TextDisplay, content: t('delivery.takesReady', { member: mention(first.job.userId), count: takes.length }) },
    { type: ComponentType.TextDisplay, content: `### ${t('card.titleNew')}\n${truncate(first.job.input.prompt, PROMPT_MAX)}` },
  ];
  if (videos.length > 0) {
    children.push({
      type: ComponentType.MediaGallery,
      items: videos.map(({ index, fileName }) => ({
        media: { url: `attachment://${fileName}` },
        description: truncate(t('delivery.takeLabel', { n: index + 1 }), COMPONENTS_V2.mediaDescriptionMax),
      })),
    });
  }
  const missing = takes.flatMap((take, index) =>
    take.outcome.kind === 'none' ? [t('delivery.takeFailed', { n: index + 1, reason: truncate(take.outcome.reason, 400) })] : [],
  );
  if (missing.length > 0) children.push({ type: ComponentType.TextDisplay, content: missing.join('\n') });
  children.push({ type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small });
  children.push({ type: ComponentType.TextDisplay, content: `-# ${t('delivery.takesButtonsOrder')}` });
  for (const take of takes) children.push(...renderStatusComponents(take.job, take.flags, copy).filter((row) => row.components.length > 0));
  return [
    {
      type: ComponentType.Container,
      accent_color: CARD_COLORS[videos.length > 0 ? 'succeeded' : 'failed'],
      components: children,
    },
  ];
}

/** The takes card without one take's video (a gallery left empty goes too); the rest as given. */
export function withoutTakeVideo(components: readonly APIMessageTopLevelComponent[], fileName: string): APIMessageTopLevelComponent[] {
  const ref = `attachment://${fileName}`;
  return components.map((top) => {
    if (top.type !== ComponentType.Container) return top;
    const children = top.components.flatMap((child): APIComponentInContainer[] => {
      if (child.type !== ComponentType.MediaGallery) return [child];
      const items = child.items.filter((item) => item.media.url !== ref);
      return items.length > 0 ? [{ ...child, items }] : [];
    });
    return { ...top, components: children };
  });
}
