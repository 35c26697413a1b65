/**
 * The job state machine, as a table. Every change of state goes through {@link assertTransition},
 * and the store applies it as a compare-and-set so that two writers can never both win.
 */
export const JOB_STATES = [
  'waiting', // accepted and its estimate reserved, in this server's line: nothing sent yet
  'created', // row written, nothing sent yet: safe to submit
  'submitting', // the submit request may be on the wire: never resend it
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'outcome_unknown', // the provider may or may not have accepted it; resubmitting could bill twice
] as const;

export type JobState = (typeof JOB_STATES)[number];

export const TERMINAL_STATES = ['succeeded', 'failed', 'cancelled', 'timed_out', 'outcome_unknown'] as const satisfies readonly JobState[];

export type TerminalState = (typeof TERMINAL_STATES)[number];

/** States the poller asks the provider about. */
export const ACTIVE_STATES = ['queued', 'running'] as const satisfies readonly JobState[];

const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  // Out of the line only by promotion (a slot freed), a cancel, or waiting past the limit
  // (cancelled too: nothing was sent, so nothing is billed).
  waiting: ['created', 'cancelled', 'failed'],
  created: ['submitting', 'cancelled', 'failed'],
  submitting: ['queued', 'failed', 'outcome_unknown'],
  queued: ['running', 'succeeded', 'failed', 'cancelled', 'timed_out'],
  running: ['succeeded', 'failed', 'cancelled', 'timed_out'],
  succeeded: [],
  failed: [],
  cancelled: [],
  timed_out: [],
  outcome_unknown: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: JobState, to: JobState): void {
  if (!canTransition(from, to)) throw new Error(`illegal job transition ${from} → ${to}`);
}

export function isTerminal(state: JobState): state is TerminalState {
  return (TERMINAL_STATES as readonly JobState[]).includes(state);
}

export function isJobState(value: string): value is JobState {
  return (JOB_STATES as readonly string[]).includes(value);
}

/** Ended without a video: a member may try the same input again. */
export const RETRYABLE_STATES = ['failed', 'cancelled', 'timed_out', 'outcome_unknown'] as const satisfies readonly TerminalState[];

/** Ended with a video: what Share and Delete act on. */
export const DELIVERABLE_STATES = ['succeeded'] as const satisfies readonly TerminalState[];

export function canRetry(state: JobState): boolean {
  return (RETRYABLE_STATES as readonly JobState[]).includes(state);
}

/**
 * Whether asking to cancel makes sense: before the end. The service still decides, since a
 * queued job can start rendering while the cancel is on its way.
 */
export function canCancel(state: JobState): boolean {
  return !isTerminal(state);
}

/** Only a finished video has something to share or take down. */
export function canDelete(state: JobState): boolean {
  return (DELIVERABLE_STATES as readonly JobState[]).includes(state);
}
