/**
 * Jobs as Discord sees them: embeds, buttons and message text, as plain API JSON. Pure functions,
 * so what a member reads is tested without a gateway.
 */

import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Job } from '../jobs/job.js';
import type { JobState } from '../jobs/jobState.js';
import { truncate } from '../text/truncate.js';
import { type Copy, EN, finalFailureText } from './copy.js';
import { jobButtonId } from './customIds.js';
import { attachmentName } from './sourceImages.js';

export { finalFailureText, truncate };

/** Discord: embed description ≤ 4096, field value ≤ 1024, thread name ≤ 100. */
const DESCRIPTION_MAX = 4096;
const FIELD_MAX = 1024;
const THREAD_NAME_MAX = 100;
const EMBED_TOTAL_MAX = 6000;

const COLORS: Record<JobState, number> = {
  waiting: 0x99aab5,
  created: 0x99aab5,
  submitting: 0x99aab5,
  queued: 0xfee75c,
  running: 0x5865f2,
  succeeded: 0x57f287,
  failed: 0xed4245,
  cancelled: 0x99aab5,
  timed_out: 0xed4245,
  outcome_unknown: 0xe67e22,
};

/** Discord: a message's content is at most 2,000 characters. */
export const CONTENT_MAX = 2000;

/**
 * Joins items with `separator` while they fit in `max` characters, then says how many were left
 * out, so a long list never makes Discord reject the whole message.
 */
export function joinWithin(items: readonly string[], separator: string, max: number, copy: Copy = EN): string {
  let out = '';
  for (const [index, item] of items.entries()) {
    const next = out ? `${out}${separator}${item}` : item;
    const rest = items.length - index - 1;
    const tail = rest ? `${separator}${copy.joinMore(rest)}` : '';
    if (next.length + tail.length > max) return `${out}${separator}${copy.joinMore(items.length - index)}`;
    out = next;
  }
  return out;
}

/** Discord: an embed's description holds at most 4,096 characters, twice a message's content. */
const LINK_EMBED_MAX = DESCRIPTION_MAX;

/**
 * A message that hands a member the provider's link after `lead`, within Discord's limits for any
 * length of link: beside the lead when both fit in the content, else in an embed of its own (the
 * lead shortened if need be), and when even an embed cannot hold it, a plain statement of that
 * instead of a cut link that would not work.
 */
export function providerLinkMessage(lead: string, url: string, copy: Copy = EN): { content: string; embeds?: APIEmbed[] } {
  const inline = `${lead}\n${url}`;
  if (inline.length <= CONTENT_MAX) return { content: inline };
  if (url.length <= LINK_EMBED_MAX) return { content: truncate(lead, CONTENT_MAX), embeds: [{ description: url }] };
  return {
    content: truncate(`${lead}\n${copy.DELIVERY.linkTooLong(url.length)}`, CONTENT_MAX),
  };
}

export function formatDuration(ms: number, copy: Copy = EN): string {
  return copy.elapsed(ms);
}

/** The one-line state, worded by the copy module from the job's kind and data. */
export function stateLine(job: Job, now: number, copy: Copy = EN): string {
  return copy.stateText(job, now);
}

export function describeInput(job: Job, copy: Copy = EN): string {
  return copy.describeInput(job.input);
}

/** The status card, in the server's language (`copy`). */
export function renderStatusEmbed(job: Job, now: number, copy: Copy = EN): APIEmbed {
  const { STATUS_CARD } = copy;
  if (job.deletedAt !== null) {
    // Removed, often for its content: the card keeps no trace of the prompt.
    return {
      title: STATUS_CARD.removedTitle,
      description: stateLine(job, now, copy),
      color: COLORS.cancelled,
      fields: [{ name: STATUS_CARD.requestedBy, value: `<@${job.userId}>`, inline: true }],
      footer: { text: STATUS_CARD.footer(job.id) },
      timestamp: new Date(job.createdAt).toISOString(),
    };
  }
  let description = job.input.prompt;
  if (job.input.multi_prompt) {
    const shots = job.input.multi_prompt.map((shot, i) => `**${i + 1}.** (${shot.duration}s) ${shot.prompt}`).join('\n');
    description = `${job.input.prompt}\n\n${shots}`;
  }
  const fields: { name: string; value: string; inline: boolean }[] = [
    { name: STATUS_CARD.requestedBy, value: `<@${job.userId}>`, inline: true },
    { name: STATUS_CARD.settings, value: describeInput(job, copy), inline: true },
    {
      name: STATUS_CARD.cost,
      value:
        job.costUsd === null
          ? STATUS_CARD.about(job.estimateUsd)
          : Math.abs(job.costUsd - job.estimateUsd) < 0.005
            ? copy.usd(job.costUsd)
            : STATUS_CARD.estimated(job.costUsd, job.estimateUsd),
      inline: true,
    },
  ];
  if (job.input.negative_prompt) {
    fields.push({ name: STATUS_CARD.avoid, value: truncate(job.input.negative_prompt, FIELD_MAX), inline: false });
  }
  fields.push({ name: STATUS_CARD.status, value: truncate(stateLine(job, now, copy), FIELD_MAX), inline: false });
  const title = STATUS_CARD.title(job.kind);
  const footer = STATUS_CARD.footer(job.id);
  // Discord also caps an embed's text at 6,000 characters in all; the description gives way.
  const used = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  // The card carries the bot's copy of the picture; the embed shows it from there.
  const picture = job.images?.start ? attachmentName(job.images.start) : undefined;
  return {
    title,
    description: truncate(description, Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)),
    color: COLORS[job.state],
    ...(picture ? { thumbnail: { url: `attachment://${picture}` } } : {}),
    fields,
    footer: { text: footer },
    timestamp: new Date(job.createdAt).toISOString(),
  };
}

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

function button(
  action: Parameters<typeof jobButtonId>[0],
  jobId: string,
  label: string,
  style: ActionStyle,
  disabled = false,
): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: jobButtonId(action, jobId), label, style, disabled };
}

export interface RenderFlags {
  /** Whether a showcase channel is set, so sharing makes sense. */
  showcase?: boolean;
  /** Whether this job was already shared. */
  shared?: boolean;
  /** Whether this failed job was already retried. */
  retried?: boolean;
}

/** Buttons for the status message: Cancel while it can, then what a finished job offers. */
export function renderStatusComponents(job: Job, flags: RenderFlags = {}, copy: Copy = EN): APIActionRowComponent<APIButtonComponent>[] {
  const { BUTTON_LABELS } = copy;
  const buttons: APIButtonComponent[] = [];
  if (job.deletedAt !== null) return [];
  switch (job.state) {
    case 'waiting':
    case 'created':
    case 'submitting':
    case 'queued':
      buttons.push(button('cancel', job.id, BUTTON_LABELS.cancel, ButtonStyle.Danger));
      break;
    case 'running':
      buttons.push(button('cancel', job.id, BUTTON_LABELS.cannotCancel, ButtonStyle.Secondary, true));
      break;
    case 'succeeded':
      if (flags.showcase) {
        buttons.push(
          button('share', job.id, flags.shared ? BUTTON_LABELS.shared : BUTTON_LABELS.share, ButtonStyle.Success, flags.shared ?? false),
        );
      }
      buttons.push(button('remix', job.id, BUTTON_LABELS.remix, ButtonStyle.Primary));
      buttons.push(button('delete', job.id, BUTTON_LABELS.delete, ButtonStyle.Secondary));
      break;
    default:
      buttons.push(
        button('retry', job.id, flags.retried ? BUTTON_LABELS.retried : BUTTON_LABELS.retry, ButtonStyle.Primary, flags.retried ?? false),
      );
      buttons.push(button('remix', job.id, BUTTON_LABELS.editAndRetry, ButtonStyle.Secondary));
      break;
  }
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

/** A thread title from the prompt: first line, no mention syntax, within Discord's 100. */
export function threadName(job: Job): string {
  const firstLine = job.input.prompt.split('\n')[0] ?? 'video';
  const clean =
    firstLine
      .replace(/[@#<>]/g, '')
      .replace(/\s+/g, ' ')
      .trim() || 'video';
  return truncate(`🎬 ${clean}`, THREAD_NAME_MAX);
}
