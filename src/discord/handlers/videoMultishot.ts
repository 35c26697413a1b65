/** `/video multishot`: opens the form; the job starts when it is submitted. */
import { FORM } from '../copy.js';
import { videoFormId } from '../customIds.js';
import { type Handler, modal } from '../handler.js';
import { videoFormView } from '../views/videoForm.js';

export const videoMultishot: Handler<Record<string, never>> = {
  name: 'video.multishot',
  async run() {
    return modal(videoFormView(FORM.multishotTitle, videoFormId()));
  },
};
