import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/runcomfy/client.js';
import { kindForError } from '../src/runcomfy/errors.js';
import {
  cancelResponseSchema,
  errorBodySchema,
  hasTopLevelErrorCode,
  normalizeStatus,
  readableError,
  resultResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
} from '../src/runcomfy/schemas.js';

describe('status normalisation', () => {
  it('maps the documented values and the aliases the provider’s clients accept', () => {
    expect(normalizeStatus('in_queue')).toBe('in_queue');
    expect(normalizeStatus('pending')).toBe('in_queue');
    expect(normalizeStatus('waiting')).toBe('in_queue');
    expect(normalizeStatus('starting')).toBe('in_queue');
    expect(normalizeStatus('processing')).toBe('in_progress');
    expect(normalizeStatus('IN_PROGRESS')).toBe('in_progress');
    expect(normalizeStatus('completed')).toBe('completed');
    expect(normalizeStatus('cancelled')).toBe('cancelled');
    expect(normalizeStatus('failed')).toBe('failed');
    expect(normalizeStatus('succeeded-ish')).toBe('unknown');
  });

  it('never turns an unknown word into a finished state', () => {
    const known = new Set(['in_queue', 'queued', 'pending', 'waiting', 'starting', 'in_progress', 'processing', 'running']);
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const status = normalizeStatus(raw);
        const word = raw.trim().toLowerCase();
        if (!['completed', 'cancelled', 'canceled', 'failed'].includes(word)) {
          expect(['completed', 'cancelled', 'failed']).not.toContain(status);
        }
        if (status !== 'unknown' && !['completed', 'cancelled', 'canceled', 'failed'].includes(word)) {
          expect(known.has(word)).toBe(true);
        }
      }),
    );
  });

  it('keeps the queue position only while queued, and reads it from a string', () => {
    expect(statusResponseSchema.parse({ status: 'in_queue', queue_position: '3' })).toEqual({
      status: 'in_queue',
      rawStatus: 'in_queue',
      queuePosition: 3,
    });
    expect(statusResponseSchema.parse({ status: 'in_progress', queue_position: 3 })).toEqual({
      status: 'in_progress',
      rawStatus: 'in_progress',
    });
    expect(statusResponseSchema.safeParse({ queue_position: 3 }).success).toBe(false);
  });
});

describe('result parsing', () => {
  it('takes output.video first, then the first of output.videos', () => {
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { video: 'https://a/v.mp4', videos: ['https://b'] } }).videoUrl).toBe(
      'https://a/v.mp4',
    );
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { videos: ['https://b/1.mp4', 'https://b/2.mp4'] } }).videoUrl).toBe(
      'https://b/1.mp4',
    );
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { video: { url: 'https://c/v.mp4' } } }).videoUrl).toBe(
      'https://c/v.mp4',
    );
  });

  it('turns a string or object error into one readable string', () => {
    expect(resultResponseSchema.parse({ status: 'failed', error: 'GPU out of memory' }).error).toBe('GPU out of memory');
    expect(resultResponseSchema.parse({ status: 'failed', error: { code: 'E1', message: 'Moderation' } }).error).toBe('Moderation');
    expect(resultResponseSchema.parse({ status: 'failed', error: { code: 'E1' } }).error).toBe('{"code":"E1"}');
  });

  it('does not take completed for success without a video', () => {
    expect(resultResponseSchema.parse({ status: 'completed' }).status).toBe('unknown');
    expect(resultResponseSchema.parse({ status: 'completed', error: 'boom' }).status).toBe('failed');
    expect(resultResponseSchema.parse({ status: 'completed', output: { video: 'https://v' } }).status).toBe('succeeded');
  });

  it('reads the cost as a number, from a string too, and ignores nonsense', () => {
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { video: 'x' }, cost: 0.84 }).cost).toBe(0.84);
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { video: 'x' }, cost: '1.12' }).cost).toBe(1.12);
    expect(resultResponseSchema.parse({ status: 'succeeded', output: { video: 'x' }, cost: 'n/a' }).cost).toBeUndefined();
  });

  it('tolerates extra fields and a null output', () => {
    expect(resultResponseSchema.parse({ status: 'in_progress', output: null, something_new: [1, 2] })).toEqual({
      status: 'in_progress',
      rawStatus: 'in_progress',
    });
  });

  it('never reports success for a status word it does not know', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.webUrl(), { nil: undefined }), (status, video) => {
        const word = status.trim().toLowerCase();
        fc.pre(!['succeeded', 'success', 'completed'].includes(word));
        const parsed = resultResponseSchema.parse({ status, ...(video === undefined ? {} : { output: { video } }) });
        expect(parsed.status).not.toBe('succeeded');
      }),
    );
  });
});

describe('other answers', () => {
  it('reads a submit answer with a numeric request id', () => {
    expect(submitResponseSchema.parse({ request_id: 42, status_url: 'u' })).toEqual({ requestId: '42' });
    expect(submitResponseSchema.safeParse({ status_url: 'u' }).success).toBe(false);
  });

  it('reads cancel outcomes, and refuses one it does not know', () => {
    expect(cancelResponseSchema.parse({ outcome: 'cancelled' })).toEqual({ outcome: 'cancelled' });
    expect(cancelResponseSchema.parse({ outcome: 'not_cancellable' })).toEqual({ outcome: 'not_cancellable' });
    expect(cancelResponseSchema.parse({ status: 'cancelled' })).toEqual({ outcome: 'cancelled' });
    expect(cancelResponseSchema.parse({ status: 'in_progress' })).toEqual({ outcome: 'not_cancellable' });
    expect(cancelResponseSchema.safeParse({ outcome: 'maybe' }).success).toBe(false);
  });

  it('reads error bodies from any of the message fields', () => {
    expect(errorBodySchema.parse({ error_code: '400002', error_message: 'Insufficient balance' })).toEqual({
      code: 400002,
      message: 'Insufficient balance',
    });
    expect(errorBodySchema.parse({ message: 'a' })).toEqual({ message: 'a' });
    expect(errorBodySchema.parse({ error: { message: 'b' } })).toEqual({ message: 'b' });
    expect(
      errorBodySchema.parse({
        detail: [
          { loc: ['body', 'multi_prompt', 0, 'duration'], msg: 'too short' },
          { loc: ['body', 'prompt'], msg: 'Field required' },
        ],
      }),
    ).toEqual({ message: 'multi_prompt.0.duration: too short; prompt: Field required' });
    expect(hasTopLevelErrorCode({ error_code: 404001 })).toBe(true);
    expect(hasTopLevelErrorCode({ status: 'failed', error: 'x' })).toBe(false);
  });

  it('keeps provider text short enough for a Discord message', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = readableError(value);
        if (text !== undefined) expect(text.length).toBeLessThanOrEqual(1000);
      }),
    );
  });

  it('maps known error codes before HTTP statuses', () => {
    expect(kindForError(400, 400002)).toBe('balance');
    expect(kindForError(400, 400004)).toBe('auth');
    expect(kindForError(403, 403001)).toBe('auth');
    expect(kindForError(200, 404001)).toBe('not_found');
    expect(kindForError(422, undefined)).toBe('input_rejected');
    expect(kindForError(402, undefined)).toBe('balance');
    expect(kindForError(500, 123)).toBe('unavailable');
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it('reads seconds and HTTP dates, never negative', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(parseRetryAfter(new Date(now - 12_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
