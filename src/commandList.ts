import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { animateMessageCommand } from '../commands/animate.js';
import { settingsCommand } from '../commands/settings.js';
import { videoCommand } from '../commands/video.js';

/** Every command the bot registers: the slash commands, then the message command. */
export const COMMAND_DEFINITIONS: readonly RESTPostAPIApplicationCommandsJSONBody[] = [
  videoCommand,
  settingsCommand,
  animateMessageCommand,
];
