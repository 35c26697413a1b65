/** Discord's permission rule as the gallery applies it: base permissions, then a channel's overwrites. */
import { describe, expect, it } from 'vitest';
import { type ChannelOverwrite, channelPermissions, type MemberStanding, PERMISSIONS, visibleChannels } from '../src/web/access.js';

const GUILD = '1000';
const { ViewChannel: VIEW, ManageMessages: MANAGE, Administrator: ADMIN } = PERMISSIONS;
const member = (over: Partial<MemberStanding> = {}): MemberStanding => ({
  guildId: GUILD,
  userId: '7',
  owner: false,
  permissions: VIEW,
  roles: ['r1', 'r2'],
  ...over,
});
const role = (id: string, allow = 0n, deny = 0n): ChannelOverwrite => ({ id, type: 0, allow, deny });
const user = (id: string, allow = 0n, deny = 0n): ChannelOverwrite => ({ id, type: 1, allow, deny });

describe('channel permissions', () => {
  const cases: [string, MemberStanding, ChannelOverwrite[], boolean][] = [
    ['a channel without overwrites follows the base', member(), [], true],
    ['@everyone denied hides it', member(), [role(GUILD, 0n, VIEW)], false],
    ['a role of the member allows it back', member(), [role(GUILD, 0n, VIEW), role('r2', VIEW)], true],
    ["a role the member lacks doesn't", member(), [role(GUILD, 0n, VIEW), role('r9', VIEW)], false],
    ['a role allow wins over another role deny', member(), [role('r1', 0n, VIEW), role('r2', VIEW)], true],
    ["the member's own deny wins over roles", member(), [role('r2', VIEW), user('7', 0n, VIEW)], false],
    ["the member's own allow wins over @everyone", member({ permissions: 0n }), [role(GUILD, 0n, VIEW), user('7', VIEW)], true],
    ['the owner sees everything', member({ owner: true, permissions: 0n }), [role(GUILD, 0n, VIEW), user('7', 0n, VIEW)], true],
    ['an administrator sees everything', member({ permissions: ADMIN }), [user('7', 0n, VIEW)], true],
    ['no base View Channel and no allow', member({ permissions: 0n }), [], false],
  ];
  for (const [name, who, overwrites, sees] of cases) {
    it(name, () => {
      expect((channelPermissions(who, overwrites) & VIEW) === VIEW).toBe(sees);
    });
  }

  it('keeps other bits through overwrites (a moderator per channel)', () => {
    expect(channelPermissions(member({ permissions: VIEW | MANAGE }), [role('r1', 0n, MANAGE)]) & MANAGE).toBe(0n);
    expect(channelPermissions(member(), [role('r1', MANAGE)]) & MANAGE).toBe(MANAGE);
  });

  it('lists the channels a member may view', () => {
    const channels = [
      { id: 'open', overwrites: [] },
      { id: 'staff', overwrites: [role(GUILD, 0n, VIEW), role('staff', VIEW)] },
    ];
    expect(visibleChannels(member(), channels)).toEqual(['open']);
    expect(visibleChannels(member({ roles: ['staff'] }), channels)).toEqual(['open', 'staff']);
  });
});
