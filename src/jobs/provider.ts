/**
 * What the job pipeline needs from a video provider. The RunComfy client satisfies it; tests and
 * benchmarks may hand in their own. Errors are expected to carry a `kind` (see runcomfy/errors).
 */
/**
 * Turns the bot's own links to a job's images into links the provider can fetch now, in the same
 * order: each as it is while it is still valid, renewed once it has expired (chat platforms sign
 * attachment links for a while only). Never a link that needs the bot's credentials.
 */
export interface ImageLinkRenewer {
  fresh(links: readonly string[]): Promise<string[]>;
}

export type ProviderStatus = 'in_queue' | 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'unknown';
export type ProviderResultStatus = 'succeeded' | 'failed' | 'cancelled' | 'in_queue' | 'in_progress' | 'unknown';

export interface VideoProvider {
  /** `modelPath` is the model's path at the provider; the provider's own default when absent. */
  submit(input: Readonly<Record<string, unknown>>, modelPath?: string): Promise<{ requestId: string }>;
  status(requestId: string): Promise<{ status: ProviderStatus; rawStatus: string; queuePosition?: number }>;
  result(requestId: string): Promise<{
    status: ProviderResultStatus;
    videoUrl?: string;
    error?: string;
    cost?: number;
  }>;
  cancel(requestId: string): Promise<{ outcome: 'cancelled' | 'not_cancellable' }>;
}

/**
 * The error kinds a provider's errors carry (in a `kind` field). The pipeline reacts to
 * `not_found` (the request is gone), `outcome_unknown` (a submit that may have been accepted)
 * and `input_rejected` (the member's input; the error's `providerMessage` is the provider's
 * words); the rest are faults to back off from or for the operator to fix.
 */
export const PROVIDER_ERROR_KINDS = [
  'auth',
  'balance',
  'input_rejected',
  'not_found',
  'rate_limited',
  'unavailable',
  'malformed',
  'outcome_unknown',
] as const;

export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export function providerErrorKind(error: unknown): ProviderErrorKind | undefined {
  if (error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string') {
    const kind = error.kind;
    return (PROVIDER_ERROR_KINDS as readonly string[]).includes(kind) ? (kind as ProviderErrorKind) : undefined;
  }
  return undefined;
}

/** The provider's own words about a refused input, when its error carries them. */
export function providerMessageOf(error: unknown): string | null {
  if (error && typeof error === 'object' && 'providerMessage' in error && typeof error.providerMessage === 'string') {
    return error.providerMessage;
  }
  return null;
}
