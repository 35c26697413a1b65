/** `/video-settings channels action [channel]`: where /video may be used (none = everywhere). */
import type { Handler } from '../../handler.js';
import { applySettings, type ListAction, type SettingsInput } from './applySettings.js';

export const settingsChannels: Handler<SettingsInput<{ action: ListAction; channelId: string | null }>> = {
  name: 'settings.channels',
  run: (input, deps) =>
    applySettings(input, deps, ({ action, channelId }, current, { t }) => {
      if (action === 'clear') return { allowedChannelIds: [] };
      if (!channelId) return { problem: t('refusal.pickChannel') };
      const rest = current.allowedChannelIds.filter((id) => id !== channelId);
      return { allowedChannelIds: action === 'add' ? [...rest, channelId] : rest };
    }),
};
