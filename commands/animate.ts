/**
 * "Animate with Kling": a message command (Apps on any message). It has no options; the form it
 * opens takes the prompt and the settings, and the message's first picture is the first frame.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { ANIMATE_MESSAGE_COMMAND } from '../src/discord/commandOptions.js';
import { COMMAND_TEXT } from '../src/discord/i18n/commandText.js';

export const animateMessageCommand = {
  type: ApplicationCommandType.Message,
  name: ANIMATE_MESSAGE_COMMAND,
  // Message commands show their name in the menu, so it is the name that is translated.
  name_localizations: { ...COMMAND_TEXT[ANIMATE_MESSAGE_COMMAND] },
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
