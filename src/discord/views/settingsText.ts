/** A server's settings as `/video-settings` shows them after every change. */
import type { GuildSettings } from '../../community/guildSettings.js';
import type { Language } from '../../community/languages.js';
import { allowedTiersOf, serverDefaultTier } from '../../community/tierChoice.js';
import type { Tier } from '../../model/tiers.js';
import type { Copy } from '../copy.js';
import { LANGUAGE_NAMES } from '../i18n/languageNames.js';
import { channelMention, roleMention } from '../markup.js';
import { joinWithin } from '../render.js';

/** The server's line: off, or how many and how long. */
export function lineSetting(perMember: number, minutes: number, { t, timeUntil }: Copy): string {
  return perMember === 0 ? t('settings.lineOff') : t('settings.line', { count: perMember, time: timeUntil(minutes * 60_000) });
}

/** Which tiers members may use, and the default. */
function tiersSetting(tiers: readonly Tier[], tier: Tier, { t, list, tierName }: Copy): string {
  return t('settings.tiers', { tiers: list(tiers.map(tierName)), tier: tierName(tier) });
}

/** `discordLanguage` is the server's Discord language, which public messages follow unless one is set. */
export function settingsText(settings: GuildSettings, copy: Copy, discordLanguage: Language, saved = false): string {
  const { t } = copy;
  const budget = (value: number | null) => (value === null ? t('settings.noLimit') : copy.usd(value));
  const channels = settings.allowedChannelIds.length
    ? joinWithin(settings.allowedChannelIds.map(channelMention), ', ', 500, copy)
    : t('settings.everywhere');
  const phrases = settings.blockedPhrases.length
    ? joinWithin(
        settings.blockedPhrases.map((p) => `\`${p.replace(/`/g, "'")}\``),
        ', ',
        900,
        copy,
      )
    : t('settings.none');
  const lines = [
    t('settings.title'),
    t('settings.showcase', { value: settings.showcaseChannelId ? channelMention(settings.showcaseChannelId) : t('settings.none') }),
    t('settings.autoShare', { value: settings.autoShare ? t('settings.on') : t('settings.off') }),
    t('settings.channels', { value: channels }),
    t('settings.role', { value: settings.requiredRoleId ? roleMention(settings.requiredRoleId) : t('settings.none') }),
    t('settings.blocked', { value: phrases }),
    t('settings.concurrent', { count: settings.maxConcurrentPerMember }),
    t('settings.serverConcurrent', { count: settings.maxConcurrentPerServer }),
    lineSetting(settings.maxWaitingPerMember, settings.maxWaitMinutes, copy),
    t('settings.extend', { seconds: settings.extendMaxSeconds }),
    t('settings.memberBudget', { value: budget(settings.dailyBudgetPerMemberUsd) }),
    t('settings.serverBudget', { value: budget(settings.dailyBudgetPerServerUsd) }),
    t('settings.language', {
      value: settings.language
        ? LANGUAGE_NAMES[settings.language]
        : t('settings.languageAuto', { language: LANGUAGE_NAMES[discordLanguage] }),
    }),
    tiersSetting(allowedTiersOf(settings), serverDefaultTier(settings), copy),
  ].join('\n');
  return saved ? `${t('settings.saved')}\n${lines}` : lines;
}
