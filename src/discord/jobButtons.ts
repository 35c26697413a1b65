/**
 * The buttons under a job's status message. Their ids arrive as strings anyone could forge, so
 * each handler re-reads the job and checks the server and the clicker before acting.
 */
import { type ButtonInteraction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { videoForm } from '../../commands/video.js';
import type { Job } from '../jobs/job.js';
import type { BotContext } from './context.js';
import { type JobAction, parseJobButtonId, videoFormId } from './customIds.js';
import { startJob } from './startJob.js';

export interface ExtraButtonHandlers {
  share?: (interaction: ButtonInteraction, job: Job) => Promise<void>;
  delete?: (interaction: ButtonInteraction, job: Job) => Promise<void>;
}

export function isModerator(interaction: ButtonInteraction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false;
}

async function refuse(interaction: ButtonInteraction, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

export async function handleJobButton(interaction: ButtonInteraction, ctx: BotContext, extra: ExtraButtonHandlers = {}): Promise<void> {
  const parsed = parseJobButtonId(interaction.customId);
  const job = parsed ? await ctx.store.get(parsed.jobId) : undefined;
  if (!parsed || !job || job.guildId !== interaction.guildId) {
    ctx.logger.warn({ customId: interaction.customId.slice(0, 100), userId: interaction.user.id }, 'button for an unknown job');
    await refuse(interaction, 'That button does not belong to a job in this server.');
    return;
  }
  const handlers: Record<JobAction, () => Promise<void>> = {
    cancel: () => cancel(interaction, ctx, job),
    retry: () => retry(interaction, ctx, job),
    remix: () => remix(interaction, job),
    share: () => (extra.share ? extra.share(interaction, job) : refuse(interaction, 'Sharing is not set up here.')),
    delete: () => (extra.delete ? extra.delete(interaction, job) : refuse(interaction, 'Deleting is not set up here.')),
  };
  await handlers[parsed.action]();
}

async function cancel(interaction: ButtonInteraction, ctx: BotContext, job: Job): Promise<void> {
  if (job.userId !== interaction.user.id && !isModerator(interaction)) {
    await refuse(interaction, 'This is not your video, so you cannot cancel it. Only the member who asked for it or a moderator can.');
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await ctx.service.cancel(job.id);
  const replies: Record<typeof result.outcome, string> = {
    cancelled: 'Cancelled. It was still waiting in the queue, so it will not be billed.',
    not_cancellable: 'Too late to cancel: the provider is already rendering this video, so it will finish and be billed.',
    already_finished: 'This video has already finished, so there is nothing to cancel.',
    submitting: 'This video is being sent to the provider right now; try again in a moment.',
    not_found: 'That job no longer exists.',
  };
  if ('job' in result) {
    await ctx.messages
      .refreshStatus(result.job)
      .catch((error: unknown) => ctx.logger.warn({ err: error, jobId: job.id }, 'status edit after cancel failed'));
  }
  ctx.logger.info({ jobId: job.id, by: interaction.user.id, outcome: result.outcome }, 'cancel clicked');
  await interaction.editReply({ content: replies[result.outcome] });
}

async function retry(interaction: ButtonInteraction, ctx: BotContext, job: Job): Promise<void> {
  if (job.userId !== interaction.user.id && !isModerator(interaction)) {
    await refuse(
      interaction,
      'Only the member who asked for this video (or a moderator) can retry it; Edit & retry makes your own version.',
    );
    return;
  }
  if (!['failed', 'cancelled', 'timed_out', 'outcome_unknown'].includes(job.state)) {
    await refuse(interaction, 'Only a failed or cancelled video can be retried; use Remix to make a variation.');
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // A quick answer for the usual case; two clicks at once are settled by the store, which writes
  // one retry per job and refuses the other in the same transaction.
  const earlier = await ctx.store.retryOf(job.id);
  if (earlier) {
    await interaction.editReply({ content: `This video was already retried: job \`${earlier.id}\`.` });
    return;
  }
  await startJob(interaction, ctx, job.input, 'retry', job.id);
  await ctx.messages.refreshStatus(await ctx.store.require(job.id)).catch(() => {});
}

async function remix(interaction: ButtonInteraction, job: Job): Promise<void> {
  if (job.deletedAt !== null) {
    await refuse(interaction, 'This video was removed by its maker or a moderator, so it cannot be remixed.');
    return;
  }
  await interaction.showModal(videoForm('Remix this video', videoFormId(job.id), job.input));
}
