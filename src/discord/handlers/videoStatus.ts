/** `/video status job:<id>`: one job of this server. */
import type { videoCommand } from '../../../commands/video.js';
import type { CommandArgs } from '../commandArgs.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message, type SlashInput } from '../handler.js';
import { noSuchJobText, statusReplyText } from '../views/statusReply.js';

export const videoStatus: Handler<SlashInput<CommandArgs<typeof videoCommand, 'status'>>> = {
  name: 'video.status',
  async run({ member, options }, deps) {
    // As typed by the member.
    const id = options.job.trim().toLowerCase();
    const copy = copyForLocale(member.locale);
    const job = await deps.store.get(id);
    if (!job || job.guildId !== member.guildId) return message(noSuchJobText(id, copy));
    return message(statusReplyText(job, deps.clock.now(), copy));
  },
};
