import { PermissionFlagsBits } from 'discord.js';

const P = PermissionFlagsBits;

/** Every permission bit; what Discord reports for owners and administrators. */
export const ALL_PERMISSIONS: bigint = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** Close to what a new server's @everyone role gets: chat, threads, files, no moderation and no mass mentions. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.ReadMessageHistory |
  P.UseApplicationCommands |
  P.Connect |
  P.Speak;

/**
 * The bot's managed role. It includes MentionEveryone on purpose: many bots are invited with it,
 * and then only `allowed_mentions` stands between user text and a server-wide ping.
 */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.ManageThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.MentionEveryone;

export interface PermissionSubject {
  isOwner: boolean;
  /** Permissions of @everyone and of each of the member's roles. */
  rolePermissions: readonly bigint[];
  /** Extra bits granted to this member alone (a stand-in for a channel overwrite). */
  memberOverride: bigint;
}

/** Discord's base-permission rule: owner and Administrator get everything, otherwise roles are OR-ed. */
export function computePermissions(subject: PermissionSubject): bigint {
  if (subject.isOwner) return ALL_PERMISSIONS;
  const combined = subject.rolePermissions.reduce((all, bits) => all | bits, subject.memberOverride);
  if ((combined & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
  return combined;
}

export function hasPermission(permissions: bigint, bit: bigint): boolean {
  return (permissions & bit) === bit;
}

export function parsePermissions(value: bigint | string | number): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}
