/** The `allowed_mentions` object of a message request. */
export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** Who a message actually notified. */
export interface Pings {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export interface MentionContext {
  /** The author holds MENTION_EVERYONE in the channel: needed for @everyone/@here and unmentionable roles. */
  canMentionEveryone: boolean;
  isMentionableRole(roleId: string): boolean;
  isKnownUser(userId: string): boolean;
}

interface ContentMentions {
  users: string[];
  roles: string[];
  everyone: boolean;
}

const unique = (ids: Iterable<string>): string[] => [...new Set(ids)];

/** What the text mentions, before permissions and `allowed_mentions` are applied. */
export function parseContentMentions(content: string): ContentMentions {
  return {
    users: unique(Array.from(content.matchAll(/<@!?(\d+)>/g), (match) => match[1] ?? '')),
    roles: unique(Array.from(content.matchAll(/<@&(\d+)>/g), (match) => match[1] ?? '')),
    // @here counts as a mass mention too: Discord sets mention_everyone for both.
    everyone: /@(?:everyone|here)/.test(content),
  };
}

/**
 * Discord's rule: without `allowed_mentions` everything in the content is parsed; with it, only the
 * `parse` types and the listed ids ping. Mass and role mentions also need the author's permission.
 */
export function computePings(content: string, allowed: AllowedMentions | undefined, context: MentionContext): Pings {
  const found = parseContentMentions(content);
  const parse = new Set(allowed === undefined ? ['users', 'roles', 'everyone'] : (allowed.parse ?? []));
  const listedUsers = new Set(allowed?.users ?? []);
  const listedRoles = new Set(allowed?.roles ?? []);
  return {
    users: found.users.filter((id) => context.isKnownUser(id) && (parse.has('users') || listedUsers.has(id))),
    roles: found.roles.filter(
      (id) => (parse.has('roles') || listedRoles.has(id)) && (context.canMentionEveryone || context.isMentionableRole(id)),
    ),
    everyone: found.everyone && parse.has('everyone') && context.canMentionEveryone,
  };
}

export function noPings(): Pings {
  return { users: [], roles: [], everyone: false };
}
