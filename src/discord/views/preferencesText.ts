/** A member's preferences as `/video preferences` shows them after every change. */
import type { MemberPreferences } from '../../community/memberPreferences.js';
import type { Tier } from '../../model/tiers.js';
import { DEFAULT_VIDEO_INPUT } from '../../model/videoInput.js';
import type { Copy } from '../copy.js';

/** `serverTier`: the server's default tier, shown when the member keeps none (or one the server no longer allows). */
export function preferencesText(preferences: MemberPreferences, copy: Copy, lead?: string, serverTier?: Tier): string {
  const { t } = copy;
  const orDefault = (value: string | null, fallback: string) => value ?? t('preferences.default', { value: fallback });
  const sound = (on: boolean) => (on ? t('settings.on') : t('settings.off'));
  const lines = [
    t('preferences.title'),
    t('preferences.duration', {
      value: orDefault(
        preferences.duration === null ? null : t('input.seconds', { seconds: preferences.duration }),
        t('input.seconds', { seconds: DEFAULT_VIDEO_INPUT.duration }),
      ),
    }),
    t('preferences.aspectRatio', { value: orDefault(preferences.aspectRatio, DEFAULT_VIDEO_INPUT.aspect_ratio) }),
    t('preferences.sound', {
      value: orDefault(preferences.sound === null ? null : sound(preferences.sound), sound(DEFAULT_VIDEO_INPUT.sound)),
    }),
    ...(serverTier
      ? [
          t('preferences.tier', {
            value: orDefault(preferences.tier === null ? null : copy.tierName(preferences.tier), copy.tierName(serverTier)),
          }),
        ]
      : []),
    t('preferences.delivery', {
      value: preferences.delivery === 'dm' ? t('preferences.deliveryDm') : t('preferences.deliveryThread'),
    }),
    t('preferences.hint'),
  ];
  return (lead ? [lead, ...lines] : lines).join('\n');
}
