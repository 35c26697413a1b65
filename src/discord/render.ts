/**
 * Jobs as Discord sees them: buttons, state lines and message text, as plain API JSON. Pure functions,
 * so what a member reads is tested without a gateway.
 */

import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { Job } from '../jobs/job.js';
import type { JobState } from '../jobs/jobState.js';
import { modelById } from '../model/models.js';
import { tierAbove } from '../model/tiers.js';
import { truncate } from '../text/truncate.js';
import type { Copy } from './copy.js';
import { jobButtonId } from './customIds.js';
import { MESSAGE, THREAD } from './discordLimits.js';

export { truncate };

/** A card's accent colour by the job's state. */
export const CARD_COLORS: Record<JobState, number> = {
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
export const CONTENT_MAX = MESSAGE.contentMax;

/**
 * Joins items with `separator` while they fit in `max` characters, then says how many were left
 * out, so a long list never makes Discord reject the whole message.
 */
export function joinWithin(items: readonly string[], separator: string, max: number, copy: Copy): string {
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

export function formatDuration(ms: number, copy: Copy): string {
  return copy.elapsed(ms);
}

/** The one-line state, worded by the copy module from the job's kind and data. */
export function stateLine(job: Job, now: number, copy: Copy): string {
  return copy.stateText(job, now);
}

/** What a job cost, or about what it will. */
export function costSoFar(job: Pick<Job, 'costUsd' | 'estimateUsd'>, { t, usd }: Copy): string {
  return job.costUsd !== null ? usd(job.costUsd) : t('listing.about', { amount: usd(job.estimateUsd) });
}

/** The settings a job ran with, as the card and the showcase show them. */
export function describeInput({ input }: Job, { t, number }: Copy): string {
  const parts = [
    t('input.seconds', { seconds: input.duration }),
    input.aspect_ratio ?? t('input.fromImage'),
    input.sound ? t('input.soundOn') : t('input.soundOff'),
    t('input.cfg', { value: number(input.cfg_scale) }),
  ];
  if (input.multi_prompt) parts.push(t('input.shots', { count: input.multi_prompt.length }));
  return parts.join(' · ');
}

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

/** One of a job's buttons; its id names the action and the job. */
export function jobButton(
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
export function renderStatusComponents(job: Job, flags: RenderFlags = {}, copy: Copy): APIActionRowComponent<APIButtonComponent>[] {
  const { t } = copy;
  const buttons: APIButtonComponent[] = [];
  const studio: APIButtonComponent[] = [];
  if (job.deletedAt !== null) return [];
  switch (job.state) {
    case 'waiting':
    case 'created':
    case 'submitting':
    case 'queued':
      buttons.push(jobButton('cancel', job.id, t('button.cancel'), ButtonStyle.Danger));
      break;
    case 'running':
      buttons.push(jobButton('cancel', job.id, t('button.cannotCancel'), ButtonStyle.Secondary, true));
      break;
    case 'succeeded':
      if (flags.showcase) {
        buttons.push(
          jobButton('share', job.id, flags.shared ? t('button.shared') : t('button.share'), ButtonStyle.Success, flags.shared ?? false),
        );
      }
      buttons.push(jobButton('remix', job.id, t('button.remix'), ButtonStyle.Primary));
      buttons.push(jobButton('delete', job.id, t('button.delete'), ButtonStyle.Secondary));
      // The studio's actions on a second row: a row holds at most five buttons.
      {
        // A draft is rendered again one tier up; the server's allowed tiers are checked on the click.
        const model = modelById(job.modelId);
        const above = model ? tierAbove(model.tier) : undefined;
        if (above)
          studio.push(jobButton('upgrade', job.id, copy.t('button.renderAgain', { tier: copy.tierName(above) }), ButtonStyle.Secondary));
      }
      studio.push(jobButton('extend', job.id, t('button.extend'), ButtonStyle.Secondary));
      studio.push(jobButton('gif', job.id, t('button.gif'), ButtonStyle.Secondary));
      break;
    default:
      buttons.push(
        jobButton('retry', job.id, flags.retried ? t('button.retried') : t('button.retry'), ButtonStyle.Primary, flags.retried ?? false),
      );
      buttons.push(jobButton('remix', job.id, t('button.editAndRetry'), ButtonStyle.Secondary));
      break;
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [{ type: ComponentType.ActionRow, components: buttons }];
  if (studio.length > 0) rows.push({ type: ComponentType.ActionRow, components: studio });
  return rows;
}

/** A thread title from the prompt: first line, no mention syntax, within Discord's 100. */
export function threadName(job: Job): string {
  const firstLine = job.input.prompt.split('\n')[0] ?? 'video';
  const clean =
    firstLine
      .replace(/[@#<>]/g, '')
      .replace(/\s+/g, ' ')
      .trim() || 'video';
  return truncate(`🎬 ${clean}`, THREAD.nameMax);
}
