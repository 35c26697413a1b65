import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { settingsCommand } from '../commands/settings.js';
import { videoCommand } from '../commands/video.js';
import { localizeCommand } from './discord/i18n/commandText.js';

/** Every slash command the bot registers. */
export const COMMAND_DEFINITIONS: readonly RESTPostAPIApplicationCommandsJSONBody[] = [videoCommand, settingsCommand].map((command) =>
  localizeCommand(command),
);
