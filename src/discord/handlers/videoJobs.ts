/** `/video jobs`: the member's ten most recent videos in this server. */
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { jobsListText } from '../views/jobsList.js';

export const videoJobs: Handler<{ member: MemberInput }> = {
  name: 'video.jobs',
  async run({ member }, deps) {
    const recent = await deps.store.recentByUser(member.guildId, member.userId, 10);
    return message(jobsListText(recent, deps.clock.now(), copyForLocale(member.locale)));
  },
};
