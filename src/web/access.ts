/**
 * Who sees what in the gallery, by Discord's own permission rule
 * (https://discord.com/developers/docs/topics/permissions#permission-overwrites): the member's
 * base permissions in the server (owner and Administrator: everything), then the channel's
 * overwrites in order: @everyone's, the member's roles' (their denies, then their allows,
 * together), the member's own. Pure, so the rule is tested as a table.
 */

/** Permission bits the gallery reads (Discord's values). */
export const PERMISSIONS = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
} as const;

const ALL = (1n << 64n) - 1n;

export interface ChannelOverwrite {
  /** A role id (type 0; the server's id for @everyone) or a member's user id (type 1). */
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** The member in one server, as `/users/@me/guilds` and `/users/@me/guilds/{id}/member` tell it. */
export interface MemberStanding {
  guildId: string;
  userId: string;
  owner: boolean;
  /** Base permissions in the server (roles OR-ed, without overwrites), as Discord computes them. */
  permissions: bigint;
  roles: readonly string[];
}

export function basePermissions(member: MemberStanding): bigint {
  if (member.owner || (member.permissions & PERMISSIONS.Administrator) !== 0n) return ALL;
  return member.permissions;
}

/** The member's permissions in a channel with these overwrites. */
export function channelPermissions(member: MemberStanding, overwrites: readonly ChannelOverwrite[]): bigint {
  const base = basePermissions(member);
  if (base === ALL) return ALL;
  let permissions = base;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === member.guildId);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== 0 || overwrite.id === member.guildId || !member.roles.includes(overwrite.id)) continue;
    allow |= overwrite.allow;
    deny |= overwrite.deny;
  }
  permissions = (permissions & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === member.userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;
  return permissions;
}

export function has(permissions: bigint, bit: bigint): boolean {
  return (permissions & bit) === bit;
}

/** A channel as the gallery needs it: its id and overwrites. */
export interface ChannelAccess {
  id: string;
  overwrites: readonly ChannelOverwrite[];
}

/** The channels among `channels` the member may view. */
export function visibleChannels(member: MemberStanding, channels: readonly ChannelAccess[]): string[] {
  return channels.filter((channel) => has(channelPermissions(member, channel.overwrites), PERMISSIONS.ViewChannel)).map((c) => c.id);
}
