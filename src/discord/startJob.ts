/**
 * One path from a validated request to a submitted job, shared by /video, the multi-shot form,
 * Retry and Remix: admission, the row, the status message and thread, then the submit.
 */

import { type ButtonInteraction, ChannelType, type ChatInputCommandInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { Job, JobKind } from '../jobs/job.js';
import { formatUsd } from '../model/pricing.js';
import type { VideoInput } from '../model/videoInput.js';
import { DiscordCodes, discordErrorCode, discordStatus } from './channelPoster.js';
import type { BotContext } from './context.js';
import { failureReason } from './failureReason.js';
import { renderStatusComponents, renderStatusEmbed, threadName } from './render.js';

type StartingInteraction = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

/** Channel types where a public thread can hang off a message. */
const THREADABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_TYPES = new Set<ChannelType>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/**
 * The interaction must already be deferred (ephemeral): every answer here is an `editReply`.
 * Returns the job, or undefined when it was refused before anything was written.
 */
export async function startJob(
  interaction: StartingInteraction,
  ctx: BotContext,
  input: VideoInput,
  kind: JobKind = 'new',
  parentId: string | null = null,
  /** Another channel to make it in (a remix asked for from the showcase goes back to its parent's). */
  where?: string,
): Promise<Job | undefined> {
  if (!interaction.inGuild() || !interaction.channelId) {
    await interaction.editReply({ content: 'Videos can only be made in a server channel.' });
    return undefined;
  }
  const channelId = where ?? interaction.channelId;
  const channel = where ? interaction.client.channels.cache.get(where) : interaction.channel;
  const channelType = channel?.type;
  const inThread = channelType !== undefined && THREAD_TYPES.has(channelType);
  const member = interaction.member;
  const roleIds = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const decision = await ctx.admit({
    guildId: interaction.guildId,
    channelId,
    parentChannelId: inThread && channel && 'parentId' in channel ? (channel.parentId ?? null) : null,
    userId: interaction.user.id,
    roleIds,
    input,
    estimateUsd: ctx.service.estimate(input),
    kind,
    parentId,
  });
  if (!decision.ok) {
    await interaction.editReply({ content: decision.message, allowedMentions: { parse: [] } });
    return undefined;
  }

  const log = ctx.logger.child({ guildId: interaction.guildId, userId: interaction.user.id });
  let job = decision.job;

  try {
    const placed = await placeStatusMessage(interaction, ctx, job, channelType, log);
    if (!placed) return undefined;
    job = placed;
  } catch (error) {
    // Not sent yet, so nothing is billed: end the job (its final message says so) rather than
    // leave a row no poller will touch until the next restart.
    await ctx.service.failUnsent(job.id, 'start_failed');
    throw error;
  }

  job = await ctx.service.submit(job.id);
  await ctx.messages.refreshStatus(job).catch((error: unknown) => log.warn({ err: error, jobId: job.id }, 'status edit failed'));
  const place = job.threadId ? `<#${job.threadId}>` : where ? `<#${where}>` : 'this channel';
  if (job.state === 'queued') {
    await interaction.editReply({
      content: `Your video is in the queue (about ${formatUsd(job.estimateUsd)}). I will post it in ${place} when it is ready.`,
    });
  } else {
    await interaction.editReply({ content: failureReason(job) ?? 'Your video could not be started.', allowedMentions: { parse: [] } });
  }
  return job;
}

/** Posts the status card and opens its thread; undefined when the channel refuses the bot. */
async function placeStatusMessage(
  interaction: StartingInteraction,
  ctx: BotContext,
  created: Job,
  channelType: ChannelType | undefined,
  log: BotContext['logger'],
): Promise<Job | undefined> {
  let job = created;
  let statusMessageId: string;
  try {
    const status = await ctx.poster.post(job.channelId, {
      embeds: [renderStatusEmbed(job, ctx.clock.now())],
      components: renderStatusComponents(job),
    });
    statusMessageId = status.id;
  } catch (error) {
    const code = discordErrorCode(error);
    if (code !== DiscordCodes.MissingAccess && code !== DiscordCodes.MissingPermissions && discordStatus(error) !== 403) throw error;
    // Without a message of its own the bot could never report the result: refuse now,
    // before anything is sent (and billed).
    log.warn({ jobId: job.id, code }, 'cannot post in this channel');
    const ended = await ctx.store.transition(job.id, 'created', 'failed', {
      errorKind: 'cannot_post',
      finishedAt: ctx.clock.now(),
      errorMessage: 'The bot cannot post messages in this channel.',
      nextPollAt: null,
    });
    if (ended) await ctx.store.markDelivered(ended.id);
    await interaction.editReply({
      content:
        'I cannot post messages in this channel, so I did not start your video. Ask a moderator to let me send messages here, or try another channel.',
    });
    return undefined;
  }
  // Recorded at once, so that a crash from here on still finds (and finishes) this card.
  job = (await ctx.store.update(job.id, 'created', { statusMessageId })) ?? job;

  if (channelType !== undefined && THREADABLE.has(channelType)) {
    try {
      const thread = await ctx.poster.startThread(job.channelId, statusMessageId, threadName(job));
      job = (await ctx.store.update(job.id, 'created', { threadId: thread.id })) ?? job;
    } catch (error) {
      const code = discordErrorCode(error);
      log.info({ jobId: job.id, code }, 'no thread for this job; answering in the channel');
      if (code !== DiscordCodes.MissingPermissions && code !== DiscordCodes.MissingAccess) {
        log.warn({ err: error, jobId: job.id }, 'thread creation failed');
      }
    }
  } else {
    log.info({ jobId: job.id, channelType }, 'channel takes no threads; answering in place');
  }
  return job;
}
