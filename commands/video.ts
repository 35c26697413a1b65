/**
 * /video's definition: make a video (options derived from the model's schema), animate a picture
 * (options derived from the image-to-video model), a multi-shot
 * form, the member's own jobs, one job's status, today's usage and help. Each sub-command's
 * handler is a file of its own under `src/discord/handlers/`.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { deriveModelOptions, GUILD_SLASH_COMMAND, MAX_TAKES, TAKES_KEY, tierOption } from '../src/discord/commandOptions.js';
import { choice, described } from '../src/discord/i18n/commandText.js';
import { LOOP_KEY } from '../src/model/formPlan.js';
import { listedModel } from '../src/model/models.js';
import { ASPECT_RATIOS, DURATION_MAX_SECONDS, DURATION_MIN_SECONDS } from '../src/model/videoInput.js';

/** Renders of one request, delivered together in one card. */
function takesOption(description: 'command.video.create.takes.description' | 'command.video.animate.takes.description') {
  return {
    type: ApplicationCommandOptionType.Integer,
    name: TAKES_KEY,
    ...described(description),
    min_value: 1,
    max_value: MAX_TAKES,
  } as const;
}

export const videoCommand = {
  ...GUILD_SLASH_COMMAND,
  name: 'video',
  ...described('command.video.description'),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'create',
      ...described('command.video.create.description'),
      options: [
        ...deriveModelOptions(listedModel('text')),
        tierOption('text', 'choose'),
        takesOption('command.video.create.takes.description'),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'animate',
      // Without a picture it opens a form to upload one.
      ...described('command.video.animate.description'),
      options: [
        ...deriveModelOptions(listedModel('image'), { picturesInForm: true }),
        tierOption('image', 'choose'),
        { type: ApplicationCommandOptionType.Boolean, name: LOOP_KEY, ...described('command.video.animate.loop.description') },
        takesOption('command.video.animate.takes.description'),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'multishot',
      ...described('command.video.multishot.description'),
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'jobs', ...described('command.video.jobs.description') },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      ...described('command.video.status.description'),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'job',
          ...described('command.video.status.job.description'),
          required: true,
          min_length: 6,
          max_length: 20,
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'usage', ...described('command.video.usage.description') },
    { type: ApplicationCommandOptionType.Subcommand, name: 'help', ...described('command.video.help.description') },
    {
      // A group under /video, not a command of its own: these are the member's defaults for
      // /video create, and /video-settings is hidden from members without Manage Server.
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'preferences',
      ...described('command.video.preferences.description'),
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'show', ...described('command.video.preferences.show.description') },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          ...described('command.video.preferences.set.description'),
          options: [
            {
              type: ApplicationCommandOptionType.Integer,
              name: 'duration',
              ...described('command.video.preferences.set.duration.description'),
              min_value: DURATION_MIN_SECONDS,
              max_value: DURATION_MAX_SECONDS,
            },
            {
              type: ApplicationCommandOptionType.String,
              name: 'aspect_ratio',
              ...described('command.video.preferences.set.aspect_ratio.description'),
              choices: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
            },
            { type: ApplicationCommandOptionType.Boolean, name: 'sound', ...described('command.video.preferences.set.sound.description') },
            tierOption('text', 'preference'),
            {
              type: ApplicationCommandOptionType.String,
              name: 'delivery',
              ...described('command.video.preferences.set.delivery.description'),
              choices: [
                choice('thread', 'command.video.preferences.set.delivery.choice.thread'),
                choice('dm', 'command.video.preferences.set.delivery.choice.dm'),
              ],
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'clear', ...described('command.video.preferences.clear.description') },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
