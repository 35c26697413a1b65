/**
 * One look for a job, as a components-v2 card: the status card while it runs and after, the
 * final card in its thread (the video, the link, or the reason), and the showcase post. Pure:
 * data in, Discord's JSON out.
 */

import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInContainer,
  type APIMessageTopLevelComponent,
  type APITextDisplayComponent,
  ButtonStyle,
  ComponentType,
  SeparatorSpacingSize,
} from 'discord.js';
import type { Job } from '../../jobs/job.js';
import { modelById } from '../../model/models.js';
import type { Tier } from '../../model/tiers.js';
import { truncate } from '../../text/truncate.js';
import type { Copy } from '../copy.js';
import { parseJobButtonId } from '../customIds.js';
import { COMPONENTS_V2 } from '../discordLimits.js';
import { mention } from '../markup.js';
import { CARD_COLORS, costSoFar, describeInput, jobButton, type RenderFlags, renderStatusComponents, stateLine } from '../render.js';

/**
 * The most a provider's reason or a negative prompt takes of the card's text: Discord caps all
 * text displays of a message together, and the prompt, which matters most, keeps the rest.
 */
const SIDE_TEXT_MAX = 1024;

/** What a final card hands over. */
export type CardOutcome =
  /**
   * The video, uploaded with the card under this file name. `fitted`: re-encoded to fit the
   * upload limit; the card says so and keeps the provider's full-quality link.
   */
  | { kind: 'video'; fileName: string; fitted?: { lead: string; url: string }; lead?: string }
  /** The provider's link after a reason (too large to upload here, no Attach Files). */
  | { kind: 'link'; lead: string; url: string }
  /** A sentence alone: why there is no video. */
  | { kind: 'notice'; text: string };

export interface CardParts {
  /** The picture a job started from: `attachment://…` on the card that carries it, else a fresh link. */
  picture?: string | undefined;
  /** The first line, above the job (the ping for the requester, or the showcase's byline). */
  lead?: string | undefined;
  /** The video or why there is none, on a final card. */
  outcome?: CardOutcome | undefined;
  buttons: APIActionRowComponent<APIButtonComponent>[];
  /** Without the state line (the showcase shows the video, not how its making went). */
  stateless?: boolean;
}

const text = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });

/** The provider's link after `lead` when it fits `budget` whole; a cut link would not work, so else says so. */
export function linkWithin(lead: string, url: string, budget: number, copy: Copy): string {
  const inline = `${lead}\n${url}`;
  if (inline.length <= budget) return inline;
  return truncate(`${lead}\n${copy.t('delivery.linkTooLong', { length: url.length })}`, budget);
}

function outcomeText(outcome: CardOutcome, budget: number, copy: Copy): string | undefined {
  switch (outcome.kind) {
    case 'video': {
      // An extension says how long the joined video is; a fitted one keeps its provider's link.
      const fitted = outcome.fitted
        ? linkWithin(outcome.fitted.lead, outcome.fitted.url, budget - (outcome.lead?.length ?? 0) - 1, copy)
        : undefined;
      const parts = [outcome.lead, fitted].filter((part): part is string => part !== undefined);
      return parts.length ? truncate(parts.join('\n'), budget) : undefined;
    }
    case 'link':
      return linkWithin(outcome.lead, outcome.url, budget, copy);
    case 'notice':
      return truncate(outcome.text, budget);
  }
}

function promptText(job: Job): string {
  const { prompt, multi_prompt } = job.input;
  if (!multi_prompt) return prompt;
  const shots = multi_prompt.map((shot, i) => `**${i + 1}.** (${shot.duration}s) ${shot.prompt}`).join('\n');
  return `${prompt}\n\n${shots}`;
}

function cardTitle(kind: Job['kind'], { t, tierName }: Copy, tier?: Tier): string {
  if (kind === 'upgrade' && tier) return t('card.titleUpgrade', { tier: tierName(tier) });
  return t(
    kind === 'remix' ? 'card.titleRemix' : kind === 'retry' ? 'card.titleRetry' : kind === 'extend' ? 'card.titleExtend' : 'card.titleNew',
  );
}

function costText(job: Job, copy: Copy): string {
  if (job.costUsd === null) return costSoFar(job, copy);
  return Math.abs(job.costUsd - job.estimateUsd) < 0.005
    ? copy.usd(job.costUsd)
    : copy.t('card.estimated', { cost: copy.usd(job.costUsd), estimate: copy.usd(job.estimateUsd) });
}

/**
 * The card. Every text display counts against Discord's one budget for the message: the fixed
 * lines go first, then the outcome (a link is never cut), and the prompt gives way last.
 */
export function renderJobCard(job: Job, now: number, copy: Copy, parts: CardParts): APIMessageTopLevelComponent[] {
  const { t } = copy;
  const removed = job.deletedAt !== null;
  const tier = modelById(job.modelId)?.tier;
  const line = (label: string, value: string) => t('card.line', { label, value });
  const details = [
    ...(!removed && job.input.negative_prompt ? [line(t('card.avoid'), truncate(job.input.negative_prompt, SIDE_TEXT_MAX))] : []),
    ...(removed
      ? []
      : [
          ...(tier ? [line(t('card.tier'), copy.tierName(tier))] : []),
          line(t('card.settings'), describeInput(job, copy)),
          line(t('card.cost'), costText(job, copy)),
        ]),
    line(t('card.requestedBy'), `<@${job.userId}>`),
    ...(parts.stateless ? [] : [line(t('card.status'), truncate(stateLine(job, now, copy), SIDE_TEXT_MAX))]),
    `-# ${t('card.footer', { job: job.id })}`,
  ].join('\n');
  const title = `### ${removed ? t('card.removedTitle') : cardTitle(job.kind, copy, tier)}`;
  const lead = parts.lead ? truncate(parts.lead, SIDE_TEXT_MAX) : undefined;
  let budget = COMPONENTS_V2.textTotalMax - details.length - title.length - (lead?.length ?? 0);
  const outcome = parts.outcome && !removed ? outcomeText(parts.outcome, budget - 1, copy) : undefined;
  budget -= outcome?.length ?? 0;
  // A removed job, often for its content, keeps no trace of its prompt.
  const header = removed ? title : `${title}\n${truncate(promptText(job), Math.max(0, budget - 1))}`;

  const children: APIComponentInContainer[] = [];
  if (lead) children.push(text(lead));
  if (outcome) children.push(text(outcome));
  if (parts.picture && !removed) {
    children.push({
      type: ComponentType.Section,
      components: [text(header)],
      accessory: { type: ComponentType.Thumbnail, media: { url: parts.picture } },
    });
  } else {
    children.push(text(header));
  }
  if (parts.outcome?.kind === 'video' && !removed) {
    children.push({
      type: ComponentType.MediaGallery,
      items: [
        {
          media: { url: `attachment://${parts.outcome.fileName}` },
          description: truncate(job.input.prompt, COMPONENTS_V2.mediaDescriptionMax),
        },
      ],
    });
  }
  children.push({ type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small });
  children.push(text(details));
  children.push(...parts.buttons.filter((row) => row.components.length > 0));
  return [
    {
      type: ComponentType.Container,
      accent_color: CARD_COLORS[removed ? 'cancelled' : job.state],
      components: children,
    },
  ];
}

/** The status card: the job as it stands, with what can be done now (Cancel, then Share, Retry...). */
export function renderStatusCard(
  job: Job,
  now: number,
  copy: Copy,
  flags: RenderFlags = {},
  picture?: string,
): APIMessageTopLevelComponent[] {
  return renderJobCard(job, now, copy, { picture, buttons: renderStatusComponents(job, flags, copy) });
}

/** The final card in the job's thread: the ping line, the video or why not, and the finished job's buttons. */
export function renderFinalCard(
  job: Job,
  now: number,
  outcome: CardOutcome,
  copy: Copy,
  flags: RenderFlags = {},
  picture?: string,
): APIMessageTopLevelComponent[] {
  const lead = outcome.kind === 'video' ? copy.t('delivery.ready', { member: mention(job.userId) }) : undefined;
  return renderJobCard(job, now, copy, { picture, lead, outcome, buttons: renderStatusComponents(job, flags, copy) });
}

/** The showcase post: the video and the job, with Remix (sharing is done; deleting is the maker's, on their card). */
export function renderShowcaseCard(job: Job, now: number, fileName: string, copy: Copy, picture?: string): APIMessageTopLevelComponent[] {
  return renderJobCard(job, now, copy, {
    picture,
    lead: copy.t('share.postContent', { member: mention(job.userId) }),
    outcome: { kind: 'video', fileName },
    stateless: true,
    buttons: [{ type: ComponentType.ActionRow, components: [jobButton('remix', job.id, copy.t('button.remix'), ButtonStyle.Primary)] }],
  });
}

/** Whether a row of components holds this job's buttons (the row a redraw replaces). */
function isJobButtonRow(component: unknown, jobId: string): boolean {
  if (typeof component !== 'object' || component === null) return false;
  const row = component as { type?: unknown; components?: unknown };
  if (row.type !== ComponentType.ActionRow || !Array.isArray(row.components)) return false;
  return row.components.some(
    (button: { custom_id?: unknown }) => typeof button.custom_id === 'string' && parseJobButtonId(button.custom_id)?.jobId === jobId,
  );
}

/** A media item as Discord echoes it: an uploaded file comes back as a CDN link with its attachment's id. */
interface EchoedMedia {
  url?: unknown;
  attachment_id?: unknown;
}

/**
 * Media that Discord resolved from `attachment://` goes back as that reference: its CDN link is
 * signed and expires, while the reference keeps pointing at the file the message carries.
 */
function referenceAttachments(node: unknown, attachments: readonly { id: string; filename: string; url: string }[]): unknown {
  if (Array.isArray(node)) return node.map((child) => referenceAttachments(child, attachments));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'media' && typeof value === 'object' && value !== null) {
      const media = value as EchoedMedia;
      const file = attachments.find(
        (attachment) => attachment.id === String(media.attachment_id) || (typeof media.url === 'string' && media.url === attachment.url),
      );
      // Only the link is ours to send; Discord fills in the rest (size, proxy link) itself.
      out[key] = { url: file ? `attachment://${file.filename}` : media.url };
    } else {
      out[key] = referenceAttachments(value, attachments);
    }
  }
  return out;
}

/**
 * A posted card with its job's buttons swapped for `buttons`, everything else as Discord holds
 * it; undefined when the message is not such a card (a final message of an older release).
 */
export function withButtons(
  message: { components?: readonly unknown[]; attachments: readonly { id: string; filename: string; url: string }[] },
  jobId: string,
  buttons: APIActionRowComponent<APIButtonComponent>[],
): APIMessageTopLevelComponent[] | undefined {
  const components = message.components ?? [];
  const [container] = components as { type?: unknown; components?: unknown }[];
  if (components.length !== 1 || container?.type !== ComponentType.Container || !Array.isArray(container.components)) return undefined;
  // The new rows take the old ones' place: on a takes card each take's rows keep their turn.
  const first = container.components.findIndex((child) => isJobButtonRow(child, jobId));
  const at = first === -1 ? container.components.length : first;
  const before = container.components.slice(0, at).filter((child) => !isJobButtonRow(child, jobId));
  const after = container.components.slice(at).filter((child) => !isJobButtonRow(child, jobId));
  return [
    {
      ...(referenceAttachments(container, message.attachments) as object),
      components: [
        ...(referenceAttachments(before, message.attachments) as unknown[]),
        ...buttons.filter((row) => row.components.length > 0),
        ...(referenceAttachments(after, message.attachments) as unknown[]),
      ],
    } as APIMessageTopLevelComponent,
  ];
}
