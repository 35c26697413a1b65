/**
 * The interaction routing as it stood inside app.ts, moved here unchanged so that the wiring is
 * only wiring; the router table replaces this file.
 */
import type { Interaction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { executeSettings, settingsCommand } from '../../commands/settings.js';
import { executeVideo, handleVideoForm, videoCommand } from '../../commands/video.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { SpendLedger } from '../community/spendLedger.js';
import type { BotContext } from './context.js';
import { handleJobButton } from './jobButtons.js';
import type { Showcase } from './showcase.js';
import { replyWithUsage } from './usageReport.js';

export interface LegacyRouteDeps {
  context: BotContext;
  settings: GuildSettingsStore;
  ledger: SpendLedger;
  showcase: Showcase;
}

export function createLegacyRoute({ context, settings, ledger, showcase }: LegacyRouteDeps): (interaction: Interaction) => Promise<void> {
  const { store, clock } = context;
  return async function route(interaction: Interaction): Promise<void> {
    if (interaction.inGuild() && interaction.attachmentSizeLimit) {
      context.noteUploadLimit(interaction.guildId, interaction.attachmentSizeLimit);
    }
    if (interaction.isChatInputCommand()) {
      if (!interaction.inGuild()) {
        await interaction.reply({ content: 'I work in servers only.', flags: MessageFlags.Ephemeral });
        return;
      }
      if (interaction.commandName === videoCommand.name) {
        await executeVideo(interaction, context, (i) => replyWithUsage(i, { settings, ledger, store, now: () => clock.now() }));
      } else if (interaction.commandName === settingsCommand.name) {
        await executeSettings(interaction, settings);
      }
      return;
    }
    if (interaction.isButton()) {
      if (interaction.customId.startsWith('job:')) {
        await handleJobButton(interaction, context, {
          share: (i, job) => showcase.onShareButton(i, job),
          delete: (i, job) => showcase.onDeleteButton(i, job),
        });
      }
      return;
    }
    if (interaction.isModalSubmit()) {
      await handleVideoForm(interaction, context);
    }
  };
}
