/** A server's settings as `/video-settings` shows them after every change. */
import type { GuildSettings } from '../../community/guildSettings.js';
import type { Language } from '../../community/languages.js';
import { allowedTiersOf, serverDefaultTier } from '../../community/tierChoice.js';
import { type Copy, EN, LANGUAGE_NAMES } from '../copy.js';
import { joinWithin } from '../render.js';

export function settingsText(settings: GuildSettings, saved = false, copy: Copy = EN, discordLanguage: Language = 'en'): string {
  const { SETTINGS } = copy;
  const budget = (value: number | null) => (value === null ? SETTINGS.noLimit : copy.usd(value));
  const channels = settings.allowedChannelIds.length
    ? joinWithin(
        settings.allowedChannelIds.map((id) => `<#${id}>`),
        ', ',
        500,
        copy,
      )
    : SETTINGS.everywhere;
  const phrases = settings.blockedPhrases.length
    ? joinWithin(
        settings.blockedPhrases.map((p) => `\`${p.replace(/`/g, "'")}\``),
        ', ',
        900,
        copy,
      )
    : SETTINGS.none;
  const lines = [
    SETTINGS.title,
    SETTINGS.showcase(settings.showcaseChannelId ? `<#${settings.showcaseChannelId}>` : SETTINGS.none),
    SETTINGS.autoShare(settings.autoShare ? SETTINGS.on : SETTINGS.off),
    SETTINGS.channels(channels),
    SETTINGS.role(settings.requiredRoleId ? `<@&${settings.requiredRoleId}>` : SETTINGS.none),
    SETTINGS.blocked(phrases),
    SETTINGS.concurrent(settings.maxConcurrentPerMember),
    SETTINGS.serverConcurrent(settings.maxConcurrentPerServer),
    SETTINGS.line(settings.maxWaitingPerMember, settings.maxWaitMinutes),
    SETTINGS.memberBudget(budget(settings.dailyBudgetPerMemberUsd)),
    SETTINGS.serverBudget(budget(settings.dailyBudgetPerServerUsd)),
    SETTINGS.language(settings.language ? LANGUAGE_NAMES[settings.language] : SETTINGS.languageAuto(LANGUAGE_NAMES[discordLanguage])),
    SETTINGS.tiers(allowedTiersOf(settings), serverDefaultTier(settings)),
  ].join('\n');
  return saved ? `${SETTINGS.saved}\n${lines}` : lines;
}
