/** `/video status job:<id>`: one job of this server. */
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { noSuchJobText, statusReplyText } from '../views/statusReply.js';

export interface VideoStatusInput {
  member: MemberInput;
  /** As typed by the member. */
  jobId: string;
}

export const videoStatus: Handler<VideoStatusInput> = {
  name: 'video.status',
  async run({ member, jobId }, deps) {
    const id = jobId.trim().toLowerCase();
    const copy = copyForLocale(member.locale);
    const job = await deps.store.get(id);
    if (!job || job.guildId !== member.guildId) return message(noSuchJobText(id, copy));
    return message(statusReplyText(job, deps.clock.now(), copy));
  },
};
