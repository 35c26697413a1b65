import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { videoCommand } from '../commands/video.js';

/** Every slash command the bot registers. */
export const COMMAND_DEFINITIONS: readonly RESTPostAPIApplicationCommandsJSONBody[] = [videoCommand];
