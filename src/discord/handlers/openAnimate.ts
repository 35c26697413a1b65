/** The help's "Animate a picture" button: the upload form, for whoever clicks it. */
import type { Handler, MemberInput } from '../handler.js';
import { uploadForm } from './videoForms.js';

export const openAnimate: Handler<{ member: MemberInput }> = {
  name: 'button.openAnimate',
  async run({ member }, deps) {
    return uploadForm(deps, member);
  },
};
