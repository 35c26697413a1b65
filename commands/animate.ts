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
import { menuNamed } from '../src/discord/i18n/commandText.js';

export const animateMessageCommand = {
  type: ApplicationCommandType.Message,
  // Message commands show their name in the menu, so it is the name that is translated.
  ...menuNamed('command.animateMessage.name'),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
