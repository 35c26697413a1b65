/**
 * /video's definition: make a video (options derived from the model's schema), a multi-shot
 * form, the member's own jobs, one job's status, today's usage and help. Each sub-command's
 * handler is a file of its own under `src/discord/handlers/`.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { deriveCommandOptions, GUILD_SLASH_COMMAND } from '../src/discord/commandOptions.js';
import { videoInputSchema } from '../src/model/videoInput.js';

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
