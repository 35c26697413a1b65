/**
 * Takes: several renders of one request, each admitted, lined up and budgeted as a job of its
 * own, linked by a group id and delivered together in one final card (jobMessages.ts).
 */
import { randomBytes } from 'node:crypto';
import { ChannelType } from 'discord.js';
import { MAX_TAKES } from './commandOptions.js';
import type { HandlerDeps } from './context.js';
import { copyForLocale } from './copy.js';
import { type MessageView, message } from './handler.js';
import { type StartRequest, startJob } from './startJob.js';

export { MAX_TAKES, TAKES_KEY } from './commandOptions.js';

/** The number of takes asked for: 1 unless Discord sent a whole number within the option's range. */
export function takesOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TAKES ? value : 1;
}

/** A group id of ten characters, as job ids are, so its message nonce stays plain. */
function newTakeGroup(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/**
 * Starts `count` takes of one request. One take is a job as any other. The first take opens the
 * thread and the others post their status cards in it, so the one final card lands where all of
 * them are. A refused take stops the rest; the takes already accepted go on, and the member is
 * told how many started and why the next did not.
 */
export async function startTakes(deps: HandlerDeps, request: StartRequest, count: number): Promise<MessageView> {
  if (count <= 1) return (await startJob(deps, request)).view;
  const takeGroup = newTakeGroup();
  const first = await startJob(deps, { ...request, takeGroup });
  if (!first.job) return first.view;
  const home = first.job.threadId
    ? { id: first.job.threadId, type: ChannelType.PublicThread, parentId: first.job.channelId }
    : (request.elsewhere ?? request.member.channel);
  let accepted = 1;
  for (let take = 2; take <= count; take++) {
    const next = await startJob(deps, { ...request, takeGroup, elsewhere: home });
    if (!next.job) {
      const { t } = copyForLocale(request.member.locale);
      return message(`${first.view.content}\n${t('takes.partly', { accepted, asked: count, reason: next.view.content })}`);
    }
    accepted++;
  }
  return first.view;
}
