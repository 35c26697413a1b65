/** A server's settings as `/video-settings` shows them after every change. */
import type { GuildSettings } from '../../community/guildSettings.js';
import type { Language } from '../../community/languages.js';
import { allowedTiersOf, serverDefaultTier } from '../../community/tierChoice.js';
import { type Copy, LANGUAGE_NAMES } from '../copy.js';
import { channelMention, roleMention } from '../markup.js';
import { joinWithin } from '../render.js';

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
    copy.lineSetting(settings.maxWaitingPerMember, settings.maxWaitMinutes),
    t('settings.extend', { seconds: settings.extendMaxSeconds }),
    t('settings.memberBudget', { value: budget(settings.dailyBudgetPerMemberUsd) }),
    t('settings.serverBudget', { value: budget(settings.dailyBudgetPerServerUsd) }),
    t('settings.language', {
      value: settings.language
        ? LANGUAGE_NAMES[settings.language]
        : t('settings.languageAuto', { language: LANGUAGE_NAMES[discordLanguage] }),
    }),
    copy.tiersSetting(allowedTiersOf(settings), serverDefaultTier(settings)),
  ].join('\n');
  return saved ? `${t('settings.saved')}\n${lines}` : lines;
}
