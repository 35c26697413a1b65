/** `/video preferences clear`: back to the server's defaults. */
import { serverDefaultTier } from '../../../community/tierChoice.js';
import { copyForLocale } from '../../copy.js';
import { type Handler, type MemberInput, message } from '../../handler.js';
import { preferencesText } from '../../views/preferencesText.js';

export const preferencesClear: Handler<{ member: MemberInput }> = {
  name: 'preferences.clear',
  async run({ member }, deps) {
    await deps.preferences.clear(member.guildId, member.userId);
    const copy = copyForLocale(member.locale);
    const serverTier = serverDefaultTier(await deps.settings.get(member.guildId));
    return message(
      preferencesText(await deps.preferences.get(member.guildId, member.userId), copy, copy.t('preferences.cleared'), serverTier),
    );
  },
};
