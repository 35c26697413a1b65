/**
 * /video: make a video (options derived from the model's schema), a multi-shot form, and the
 * member's own jobs, one job's status, and today's usage.
 */
import {
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  TextInputStyle,
} from 'discord.js';
import { memberCanPostIn } from '../src/discord/channelAccess.js';
import { deriveCommandOptions, GUILD_SLASH_COMMAND } from '../src/discord/commandOptions.js';
import type { BotContext } from '../src/discord/context.js';
import { parseVideoFormId, videoFormId } from '../src/discord/customIds.js';
import { CONTENT_MAX, describeInput, joinWithin, stateLine, truncate } from '../src/discord/render.js';
import { startJob } from '../src/discord/startJob.js';
import type { Job } from '../src/jobs/job.js';
import { formatUsd } from '../src/model/pricing.js';
import { draftFromForm, FormError, formatSettingsLine, formatShotLines } from '../src/model/videoForm.js';
import {
  DURATION_MAX_SECONDS,
  DURATION_MIN_SECONDS,
  InvalidInputError,
  PROMPT_MAX_CHARS,
  parseVideoInput,
  videoInputSchema,
} from '../src/model/videoInput.js';

/** Discord: a text input holds at most 4,000 characters; a modal title at most 45. */
const TEXT_INPUT_MAX = 4000;

export const videoCommand = {
  ...GUILD_SLASH_COMMAND,
  name: 'video',
  description: 'Make a video with Kling 3.0 Pro',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'create',
      description: 'Make a video from a prompt',
      options: deriveCommandOptions(videoInputSchema, { omit: ['multi_prompt'] }),
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'multishot',
      description: 'Make a video of several shots, each with its own prompt (opens a form)',
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'jobs', description: 'Your recent videos and where to find them' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: 'The status of one of your videos',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'job',
          description: 'The job id (in the footer of its status message)',
          required: true,
          min_length: 6,
          max_length: 20,
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'usage', description: "Today's spending against the budgets, and your jobs" },
    { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: 'How to make good videos with this bot' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The form used for multi-shot videos and remixes, prefilled from `from` when given. */
export function videoForm(title: string, customId: string, from?: Job['input']): APIModalInteractionResponseCallbackData {
  const input = (
    id: string,
    label: string,
    style: TextInputStyle,
    required: boolean,
    max: number,
    placeholder: string,
    value?: string,
  ) => ({
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: id,
        label,
        style,
        required,
        max_length: max,
        placeholder,
        ...(value ? { value: truncate(value, max) } : {}),
      },
    ],
  });
  return {
    custom_id: customId,
    title: truncate(title, 45),
    components: [
      input(
        'prompt',
        'Prompt (the whole video)',
        TextInputStyle.Paragraph,
        true,
        PROMPT_MAX_CHARS,
        'A rainy neon street at night, cinematic',
        from?.prompt,
      ),
      input(
        'shots',
        'Shots: one per line, "seconds | prompt"',
        TextInputStyle.Paragraph,
        false,
        TEXT_INPUT_MAX,
        '5 | wide shot of the street\n5 | close-up on a cat in a window',
        from?.multi_prompt ? formatShotLines(from.multi_prompt) : undefined,
      ),
      input(
        'negative_prompt',
        'Avoid (optional)',
        TextInputStyle.Paragraph,
        false,
        PROMPT_MAX_CHARS,
        'blurry, text, watermark',
        from?.negative_prompt,
      ),
      input(
        'settings',
        'Settings (optional)',
        TextInputStyle.Short,
        false,
        200,
        'duration=10 aspect_ratio=9:16 sound=off cfg_scale=0.5',
        from ? formatSettingsLine(from) : undefined,
      ),
    ],
  };
}

function inputMessage(error: unknown): string | undefined {
  if (error instanceof InvalidInputError || error instanceof FormError) return error.userMessage;
  return undefined;
}

async function create(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const draft: Record<string, unknown> = {};
  for (const option of interaction.options.data[0]?.options ?? []) draft[option.name] = option.value;
  let input: Job['input'];
  try {
    input = parseVideoInput(draft);
  } catch (error) {
    const message = inputMessage(error);
    if (!message) throw error;
    await interaction.editReply({ content: message, allowedMentions: { parse: [] } });
    return;
  }
  await startJob(interaction, ctx, input);
}

/** A filled multi-shot or remix form. */
export async function handleVideoForm(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  const form = parseVideoFormId(interaction.customId);
  if (!form) {
    await interaction.reply({ content: 'That form is not one of mine.', flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const field = (id: string): string | undefined => {
    try {
      return interaction.fields.getTextInputValue(id);
    } catch {
      return undefined;
    }
  };
  let parent: Job | undefined;
  if (form.parentId) {
    parent = await ctx.store.get(form.parentId);
    if (!parent || parent.guildId !== interaction.guildId || parent.deletedAt !== null) {
      await interaction.editReply({ content: 'The video you are remixing no longer exists.' });
      return;
    }
  }
  let input: Job['input'];
  try {
    input = parseVideoInput(
      draftFromForm({
        prompt: field('prompt') ?? '',
        shots: field('shots'),
        negativePrompt: field('negative_prompt'),
        settings: field('settings'),
      }),
    );
  } catch (error) {
    const message = inputMessage(error);
    if (!message) throw error;
    await interaction.editReply({ content: message, allowedMentions: { parse: [] } });
    return;
  }
  // A remix asked for from the showcase is made where its parent was, not in the showcase.
  const backTo = parent && interaction.channelId === (await ctx.showcaseChannelId(parent.guildId)) ? parent.channelId : undefined;
  if (backTo && backTo !== interaction.channelId && !(await memberCanPostIn(interaction, backTo))) {
    await interaction.editReply({
      content:
        'This video was made in a channel you cannot see or post in, so its remix cannot be made there. ' +
        'Use `/video create` in a channel where you can post; nothing was sent or billed.',
    });
    return;
  }
  await startJob(interaction, ctx, input, parent ? 'remix' : 'new', parent?.id ?? null, backTo);
}

function jobLink(job: Job): string {
  const where = job.threadId ?? job.channelId;
  return job.statusMessageId ? `https://discord.com/channels/${job.guildId}/${job.channelId}/${job.statusMessageId}` : `<#${where}>`;
}

async function jobs(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const recent = await ctx.store.recentByUser(interaction.guildId ?? '', interaction.user.id, 10);
  const now = ctx.clock.now();
  // A deleted video's prompt was taken down: the list must not bring it back.
  const promptOf = (job: Job) => (job.deletedAt === null ? truncate(job.input.prompt.replace(/\s+/g, ' '), 60) : '(removed)');
  const lines = recent.map(
    (job) =>
      `\`${job.id}\` ${promptOf(job)} — ${truncate(stateLine(job, now), 80)} · ${job.threadId ? `<#${job.threadId}>` : jobLink(job)}`,
  );
  await interaction.reply({
    content: lines.length
      ? `**Your recent videos**\n${joinWithin(lines, '\n', CONTENT_MAX - 30)}`
      : 'You have not made any videos here yet. Try `/video create`.',
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function status(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const id = interaction.options.getString('job', true).trim().toLowerCase();
  const job = await ctx.store.get(id);
  if (!job || job.guildId !== interaction.guildId) {
    await interaction.reply({
      content: `There is no job \`${truncate(id, 20)}\` in this server.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const cost = job.costUsd !== null ? formatUsd(job.costUsd) : `about ${formatUsd(job.estimateUsd)}`;
  await interaction.reply({
    content: [
      `**Job \`${job.id}\`** by <@${job.userId}>`,
      job.deletedAt === null ? truncate(job.input.prompt, 500) : '(removed)',
      `${describeInput(job)} · ${cost}`,
      stateLine(job, ctx.clock.now()),
      job.threadId ? `Thread: <#${job.threadId}>` : `Message: ${jobLink(job)}`,
    ].join('\n'),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** The guide, with the limits and prices taken from the schema and the configuration. */
export function helpText(ctx: Pick<BotContext, 'service'>): string {
  const { perSecond, perSecondWithSound } = ctx.service.prices;
  return [
    '**Making videos with Kling 3.0 Pro**',
    `• \`/video create prompt:…\` describes one scene: subject, action, camera and mood, up to ${PROMPT_MAX_CHARS.toLocaleString('en-US')} characters. Options set the length (${DURATION_MIN_SECONDS}–${DURATION_MAX_SECONDS} s), the frame (16:9, 9:16, 1:1), sound, and what to avoid.`,
    '• `/video multishot` opens a form: one shot per line as `seconds | prompt`, for example `5 | a fox runs through snow`. The video lasts as long as its shots.',
    '• I post a status card with a Cancel button and open a thread for it; the video arrives in the thread. Cancel works while the video waits in the queue; once it renders it is billed.',
    '• Finished videos can be shared to the showcase, remixed (a form with the prompt filled in) or deleted; failed ones can be retried.',
    `• Cost: about ${formatUsd(perSecondWithSound)} a second with sound, ${formatUsd(perSecond)} without. \`/video usage\` shows today's spending, \`/video jobs\` your recent videos.`,
    'Rendering usually takes 2 to 10 minutes.',
  ].join('\n');
}

/** Runs the /video subcommands; `usage` is answered by the budgets module when present. */
export async function executeVideo(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  usage: (interaction: ChatInputCommandInteraction) => Promise<void>,
): Promise<void> {
  switch (interaction.options.getSubcommand()) {
    case 'create':
      return create(interaction, ctx);
    case 'multishot':
      await interaction.showModal(videoForm('Multi-shot video', videoFormId()));
      return;
    case 'jobs':
      return jobs(interaction, ctx);
    case 'status':
      return status(interaction, ctx);
    case 'usage':
      return usage(interaction);
    case 'help':
      await interaction.reply({ content: helpText(ctx), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    default:
      await interaction.reply({ content: 'Unknown subcommand.', flags: MessageFlags.Ephemeral });
  }
}
