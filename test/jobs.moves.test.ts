import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canTransition } from '../src/jobs/jobState.js';
import { movePatch } from '../src/jobs/jobStore.js';
import {
  cancelQueued,
  cancelUnsent,
  expireWait,
  failUnsent,
  type JobMove,
  markDeleted,
  noteCancelRefused,
  promoteFromLine,
  recordAnswer,
  recordFinal,
  recordPlacement,
  recordRequest,
  refuseSubmit,
  refuseUnpostable,
  renumberInLine,
  reschedule,
  seeRendering,
  startSubmit,
  strandSubmit,
} from '../src/jobs/moves.js';

const NOW = 1_000_000;

describe('the named moves', () => {
  it('say from where to where each one goes, and what it writes', () => {
    const table: [JobMove, string[], string | undefined, object][] = [
      [promoteFromLine(NOW), ['waiting'], 'created', { queuePosition: null, nextPollAt: NOW }],
      [renumberInLine(3), ['waiting'], undefined, { queuePosition: 3 }],
      [
        expireWait(NOW),
        ['waiting'],
        'cancelled',
        { errorKind: 'waited_too_long', errorMessage: null, queuePosition: null, finishedAt: NOW },
      ],
      [cancelUnsent(NOW), ['waiting', 'created'], 'cancelled', { errorKind: 'cancelled', errorMessage: null, finishedAt: NOW }],
      [
        failUnsent('start_failed', NOW),
        ['waiting', 'created'],
        'failed',
        { errorKind: 'start_failed', errorMessage: null, finishedAt: NOW },
      ],
      [refuseUnpostable(NOW), ['waiting', 'created'], 'failed', { errorKind: 'cannot_post', finishedAt: NOW, nextPollAt: null }],
      [
        recordPlacement({ statusMessageId: '55' }),
        ['waiting', 'created', 'submitting', 'queued', 'running'],
        undefined,
        { statusMessageId: '55' },
      ],
      [startSubmit(), ['created'], 'submitting', {}],
      [
        recordRequest('req-1', NOW, 2000),
        ['submitting'],
        'queued',
        { requestId: 'req-1', providerStatus: 'in_queue', submittedAt: NOW, nextPollAt: NOW + 2000 },
      ],
      [
        refuseSubmit('input_rejected', 'nope', NOW),
        ['submitting'],
        'failed',
        { errorKind: 'input_rejected', errorMessage: 'nope', finishedAt: NOW },
      ],
      [strandSubmit(NOW), ['submitting'], 'outcome_unknown', { errorKind: 'outcome_unknown', errorMessage: null, finishedAt: NOW }],
      [seeRendering(NOW), ['queued'], 'running', { startedAt: NOW, providerStatus: 'in_progress' }],
      [
        cancelQueued(NOW),
        ['queued'],
        'cancelled',
        { providerStatus: 'cancelled', errorKind: 'cancelled', errorMessage: null, finishedAt: NOW },
      ],
      [reschedule('running', { pollFailures: 2, nextPollAt: NOW + 5 }), ['running'], undefined, { pollFailures: 2, nextPollAt: NOW + 5 }],
      [noteCancelRefused('running', NOW), ['running'], undefined, { cancelRefusedAt: NOW }],
      [
        recordFinal('succeeded', { channelId: '7', messageId: '8' }),
        ['succeeded'],
        undefined,
        { finalChannelId: '7', finalMessageId: '8' },
      ],
      [markDeleted('succeeded', NOW), ['succeeded'], undefined, { deletedAt: NOW }],
    ];
    for (const [move, from, to, patch] of table) {
      expect({ name: move.name, from: move.from, to: move.to, patch: move.patch }).toEqual({ name: move.name, from, to, patch });
      // Every move that changes state is one the table allows, from each state it starts from.
      if (to !== undefined) for (const state of move.from) expect(canTransition(state, move.to as never)).toBe(true);
    }
    expect(new Set(table.map(([move]) => move.name)).size).toBe(table.length);
  });

  it('strands a submit the same way wherever it is found, keeping an operator’s message when one is given', () => {
    expect(strandSubmit(NOW, 'left over from an old release').patch).toEqual({
      errorKind: 'outcome_unknown',
      errorMessage: 'left over from an old release',
      finishedAt: NOW,
    });
  });

  it('records what the poll loop decided: a new state, or the same one with its next check', () => {
    expect(recordAnswer('queued', { state: 'running', patch: { startedAt: NOW } })).toMatchObject({ from: ['queued'], to: 'running' });
    const same = recordAnswer('running', { state: 'running', patch: { nextPollAt: NOW } });
    expect(same.to).toBeUndefined();
    expect(recordAnswer('queued', { patch: { queuePosition: 2 } }).to).toBeUndefined();
  });

  it('refuses to make a move the state table forbids', () => {
    expect(() => recordAnswer('created', { state: 'succeeded', patch: {} })).toThrow(/illegal job transition created → succeeded/);
  });

  it('makes an ending move due at once and gives a submit its lease, unless the move says when', () => {
    expect(movePatch(cancelUnsent(NOW), NOW, 30_000).nextPollAt).toBe(NOW);
    expect(movePatch(startSubmit(), NOW, 30_000).nextPollAt).toBe(NOW + 30_000);
    expect(movePatch(refuseUnpostable(NOW), NOW, 30_000).nextPollAt).toBeNull();
    expect(movePatch(renumberInLine(2), NOW, 30_000)).toEqual({ queuePosition: 2 });
  });
});

describe('the one writer of job state', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const filesIn = (folder: string) =>
    readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name));

  it('leaves the chat and web edges reading jobs, never writing them', () => {
    // What writes a job: a move applied by the store, a delivery recorded, a claim or a lease.
    const writes = /\.(transition|markDelivered|claimDue|renewLeases|promoteWaiting|resume)\(/;
    const offenders = [...filesIn('src/discord'), ...filesIn('src/web')]
      .filter((file) => writes.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('leaves building a state change to the moves module: the service and the loop only name moves', () => {
    const literalMoves = ['src/jobs/jobService.ts', 'src/jobs/poller.ts'].filter((file) =>
      /\.transition\([^)]*['"](created|submitting|queued|running|waiting)['"]/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(literalMoves).toEqual([]);
  });
});
