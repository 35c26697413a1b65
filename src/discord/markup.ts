/**
 * Discord's markup for what the catalogues take as values: mentions, channel links, code spans.
 * No catalogue holds markup, so a translator cannot break a mention.
 */

export const mention = (userId: string): string => `<@${userId}>`;
export const channelMention = (channelId: string): string => `<#${channelId}>`;
export const roleMention = (roleId: string): string => `<@&${roleId}>`;
export const code = (text: string): string => `\`${text}\``;

/** Markdown in a member's or a moderator's text must not restyle the message around it. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|>[\]()]/g, '\\$&');
}
