/** `/video animate`: a picture as the first frame (and optionally one as the last), a prompt and the model's options. */
import { withMemberDefaults } from '../../community/memberPreferences.js';
import type { ImageRole } from '../../model/modelDefinition.js';
import type { Handler, MemberInput } from '../handler.js';
import { type AttachmentFacts, startAnimation } from './animate.js';

export interface VideoAnimateInput {
  member: MemberInput;
  /** The sub-command's options by name, the attachments left out. */
  options: Readonly<Record<string, unknown>>;
  attachments: Partial<Record<ImageRole, AttachmentFacts>>;
}

export const videoAnimate: Handler<VideoAnimateInput> = {
  name: 'video.animate',
  async run(input, deps, ack) {
    await ack.defer();
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    return startAnimation(deps, input.member, withMemberDefaults(input.options, preferences), input.attachments);
  },
};
