/** `/video preferences show`: the member's own defaults on this server. */
import { serverDefaultTier } from '../../../community/tierChoice.js';
import { copyForLocale } from '../../copy.js';
import { type Handler, type MemberInput, message } from '../../handler.js';
import { preferencesText } from '../../views/preferencesText.js';

export const preferencesShow: Handler<{ member: MemberInput }> = {
  name: 'preferences.show',
  async run({ member }, deps) {
    const serverTier = serverDefaultTier(await deps.settings.get(member.guildId));
    return message(
      preferencesText(await deps.preferences.get(member.guildId, member.userId), copyForLocale(member.locale), undefined, serverTier),
    );
  },
};
