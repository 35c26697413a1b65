/**
 * Placing a job in a state for a test or a benchmark: a move from one state (or several) to
 * another, or one that keeps the state and writes fields, without the path a real job takes.
 * The bot itself only ever applies the named moves of src/jobs/moves.ts; the store checks these
 * against the same state table (a forbidden step throws there, which the contract suite tests).
 */
import type { JobState } from '../src/jobs/jobState.js';
import type { JobMove, JobPatch } from '../src/jobs/moves.js';

const states = (from: JobState | readonly JobState[]): readonly JobState[] => (typeof from === 'string' ? [from] : from);

/** From `from` to `to`, writing `patch`; not checked until the store applies it. */
export function step(from: JobState | readonly JobState[], to: JobState, patch: JobPatch = {}): JobMove {
  return { name: 'test_step', from: states(from), to, patch };
}

/** Writes `patch` while the job is in `state` (or one of them), keeping its state. */
export function setFields(state: JobState | readonly JobState[], patch: JobPatch): JobMove {
  return { name: 'test_fields', from: states(state), patch };
}
