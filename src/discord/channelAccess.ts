/**
 * Whether a member may see and post in a channel other than the one they clicked in. A remix
 * asked for from the showcase is made in its parent's channel, which may be private: without
 * this check a showcase post would let anyone place a billed job and their prompt there.
 */
import { type ButtonInteraction, type ModalSubmitInteraction, PermissionFlagsBits } from 'discord.js';

/**
 * Reads the channel through REST (its permission overwrites as they are now) and applies them to
 * the member as the interaction carries them (their roles); any doubt answers false.
 */
export async function memberCanPostIn(interaction: ModalSubmitInteraction | ButtonInteraction, channelId: string): Promise<boolean> {
  if (!interaction.inCachedGuild()) return false;
  let channel: Awaited<ReturnType<typeof interaction.client.channels.fetch>>;
  try {
    channel = await interaction.client.channels.fetch(channelId, { force: true });
  } catch {
    return false;
  }
  if (!channel || channel.isDMBased() || channel.guildId !== interaction.guildId) return false;
  const send = channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return channel.permissionsFor(interaction.member)?.has([PermissionFlagsBits.ViewChannel, send]) ?? false;
}
