/**
 * /video's definition: make a video (options derived from the model's schema), animate a picture
 * (options derived from the image-to-video model), a multi-shot
 * form, the member's own jobs, one job's status, today's usage and help. Each sub-command's
 * handler is a file of its own under `src/discord/handlers/`.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { deriveModelOptions, GUILD_SLASH_COMMAND, TIER_OPTION_TEXT, tierOption } from '../src/discord/commandOptions.js';
import { listedModel } from '../src/model/models.js';
import { LOOP_DESCRIPTION, LOOP_KEY } from '../src/model/videoForm.js';
import { ASPECT_RATIOS, DURATION_MAX_SECONDS, DURATION_MIN_SECONDS } from '../src/model/videoInput.js';

export const videoCommand = {
  ...GUILD_SLASH_COMMAND,
  name: 'video',
  description: 'Make a video with Kling 3.0',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'create',
      description: 'Make a video from a prompt',
      options: [...deriveModelOptions(listedModel('text')), tierOption('text', TIER_OPTION_TEXT.choose)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'animate',
      // Without a picture it opens a form to upload one.
      description: 'Make a video from a picture: it becomes the first frame',
      options: [
        ...deriveModelOptions(listedModel('image'), { picturesInForm: true }),
        tierOption('image', TIER_OPTION_TEXT.choose),
        { type: ApplicationCommandOptionType.Boolean, name: LOOP_KEY, description: LOOP_DESCRIPTION },
      ],
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
    {
      // A group under /video, not a command of its own: these are the member's defaults for
      // /video create, and /video-settings is hidden from members without Manage Server.
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'preferences',
      description: 'Your own defaults on this server',
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Show your preferences' },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          description: 'Set your defaults for /video create and where finished videos reach you',
          options: [
            {
              type: ApplicationCommandOptionType.Integer,
              name: 'duration',
              description: 'Your default length in seconds',
              min_value: DURATION_MIN_SECONDS,
              max_value: DURATION_MAX_SECONDS,
            },
            {
              type: ApplicationCommandOptionType.String,
              name: 'aspect_ratio',
              description: 'Your default frame shape',
              choices: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
            },
            { type: ApplicationCommandOptionType.Boolean, name: 'sound', description: 'Sound on or off by default' },
            tierOption('text', TIER_OPTION_TEXT.preference),
            {
              type: ApplicationCommandOptionType.String,
              name: 'delivery',
              description: 'Where finished videos reach you',
              choices: [
                { name: 'In their thread', value: 'thread' },
                { name: 'In their thread and in my direct messages', value: 'dm' },
              ],
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'clear', description: 'Forget your preferences on this server' },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
