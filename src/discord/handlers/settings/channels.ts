/** `/video-settings channels action [channel]`: where /video may be used (none = everywhere). */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsChannels: Handler<SettingsInput<SettingsArgs<'channels'>>> = {
  name: 'settings.channels',
  run: (input, deps) =>
    applySettings(input, deps, ({ action, channel: channelId }, current, { t }) => {
      if (action === 'clear') return { allowedChannelIds: [] };
      if (!channelId) return { problem: t('refusal.pickChannel') };
      const rest = current.allowedChannelIds.filter((id) => id !== channelId);
      return { allowedChannelIds: action === 'add' ? [...rest, channelId] : rest };
    }),
};
