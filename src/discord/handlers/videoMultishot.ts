/** `/video multishot`: opens the form; the job starts when it is submitted. */
import type { Handler, MemberInput } from '../handler.js';
import { multishotForm } from './videoForms.js';

export const videoMultishot: Handler<{ member: MemberInput }> = {
  name: 'video.multishot',
  async run({ member }, deps) {
    return multishotForm(deps, member);
  },
};
