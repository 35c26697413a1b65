import type { RunComfyErrorKind } from '../runcomfy/errors.js';

/**
 * What the job pipeline needs from a video provider. The RunComfy client satisfies it; tests and
 * benchmarks may hand in their own. Errors are expected to carry a `kind` (see runcomfy/errors).
 */
export type ProviderStatus = 'in_queue' | 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'unknown';
export type ProviderResultStatus = 'succeeded' | 'failed' | 'cancelled' | 'in_queue' | 'in_progress' | 'unknown';

export interface VideoProvider {
  submit(input: Readonly<Record<string, unknown>>): Promise<{ requestId: string }>;
  status(requestId: string): Promise<{ status: ProviderStatus; rawStatus: string; queuePosition?: number }>;
  result(requestId: string): Promise<{
    status: ProviderResultStatus;
    videoUrl?: string;
    error?: string;
    cost?: number;
  }>;
  cancel(requestId: string): Promise<{ outcome: 'cancelled' | 'not_cancellable' }>;
}

/** The error kinds the pipeline reacts to; anything else is treated as a passing fault. */
export type ProviderErrorKind = RunComfyErrorKind;

export function providerErrorKind(error: unknown): ProviderErrorKind | undefined {
  if (error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string') {
    return error.kind as ProviderErrorKind;
  }
  return undefined;
}

export function userMessageOf(error: unknown, fallback: string): string {
  if (error && typeof error === 'object' && 'userMessage' in error && typeof error.userMessage === 'string') {
    return error.userMessage;
  }
  return fallback;
}
