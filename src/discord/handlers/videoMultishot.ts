/** `/video multishot`: opens the form; the job starts when it is submitted. */
import { copyForLocale } from '../copy.js';
import { videoFormId } from '../customIds.js';
import { type Handler, modal } from '../handler.js';
import { videoFormView } from '../views/videoForm.js';

export const videoMultishot: Handler<{ locale?: string }> = {
  name: 'video.multishot',
  async run({ locale }) {
    const copy = copyForLocale(locale);
    return modal(videoFormView(copy.FORM.multishotTitle, videoFormId(), undefined, copy));
  },
};
