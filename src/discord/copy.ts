/**
 * The sentences that hold logic: a job's state line, why it ended, an admission refusal, a time
 * or a price, in one language. Every other call site asks the catalogues directly through the
 * typed `t(key, values)` (here as `copy.t`); views and handlers keep their own wording next to
 * what they show.
 */
import type { AdmissionRefusal, TextPlace } from '../community/admission.js';
import { DEFAULT_LANGUAGE, type Language, languageOf } from '../community/languages.js';
import { nextResetAt } from '../community/spendLedger.js';
import { type ErrorKind, isErrorKind, type Job } from '../jobs/job.js';
import type { Prices } from '../model/pricing.js';
import type { Tier } from '../model/tiers.js';
import type { MessageKey } from './i18n/en.js';
import {
  formatListIn,
  formatNumberIn,
  formatUsdIn,
  type PlainMessageKey,
  t as translateTyped,
  type ValuesArgument,
} from './i18n/translate.js';
import { channelMention, code, escapeMarkdown, mention, roleMention } from './markup.js';

export { LANGUAGE_NAMES } from './i18n/languageNames.js';
export { type Language, languageOf };

/** Beyond this, a list of allowed channels would crowd the message; the rest are counted. */
const CHANNELS_LISTED = 10;

/** Releases before this one wrote the whole sentence; the provider's own words follow this. */
const LEGACY_PROVIDER_FAILED_LEAD = 'The provider could not make this video: ';

/** The provider's own reason, as it wrote it (older releases' rows hold it inside an English sentence). */
function providerReason(job: Pick<Job, 'errorMessage'>): string | undefined {
  const text = job.errorMessage?.trim();
  if (!text || text === 'The provider could not make this video.') return undefined;
  return text.startsWith(LEGACY_PROVIDER_FAILED_LEAD) ? text.slice(LEGACY_PROVIDER_FAILED_LEAD.length) : text;
}

/** Whole minutes from the request to the end: how long a video waited in the server's line. */
function lineMinutes(job: Pick<Job, 'createdAt' | 'finishedAt' | 'updatedAt'>): number {
  return Math.max(1, Math.floor(((job.finishedAt ?? job.updatedAt) - job.createdAt) / 60_000));
}

/** Whole minutes from submission to the end: how long the member's video waited. */
function waitedMinutes(job: Pick<Job, 'submittedAt' | 'createdAt' | 'finishedAt' | 'updatedAt'>): number {
  const from = job.submittedAt ?? job.createdAt;
  return Math.max(1, Math.floor(((job.finishedAt ?? job.updatedAt) - from) / 60_000));
}

type EndingFacts = Pick<
  Job,
  'state' | 'errorKind' | 'errorMessage' | 'submittedAt' | 'startedAt' | 'createdAt' | 'finishedAt' | 'updatedAt'
>;

/** A submit refused for a fault of the bot's or the provider's: the same sentence whatever the job. */
type SubmitFault = Extract<ErrorKind, 'auth' | 'balance' | 'rate_limited' | 'unavailable' | 'malformed' | 'submit_failed'>;

/** The provider's refusals of a submit, by error kind (`input_rejected`, with its own words, is apart). */
const SUBMIT_REFUSALS: Readonly<Record<SubmitFault, PlainMessageKey>> = {
  auth: 'submit.auth',
  balance: 'submit.balance',
  rate_limited: 'submit.rateLimited',
  unavailable: 'submit.unavailable',
  malformed: 'submit.malformed',
  submit_failed: 'submit.failed',
};

/** The accessors for one language. */
function makeCopy(language: Language) {
  /** The one typed way to a sentence: a catalogue key and exactly the values its message names. */
  const t = <K extends MessageKey>(key: K, ...values: ValuesArgument<K>) => translateTyped(language, key, ...values);
  const usd = (amount: number) => formatUsdIn(language, amount);

  /** Time until a reset, in whole minutes rounded up (never "0 min"). */
  const timeUntil = (ms: number): string => {
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('time.minutes', { minutes: rest });
    return rest === 0 ? t('time.hours', { hours }) : t('time.hoursMinutes', { hours, minutes: rest });
  };

  /** A running job's age on the card. */
  const elapsed = (ms: number): string => {
    const total = Math.max(0, Math.round(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (hours) return t('elapsed.hoursMinutes', { hours, minutes });
    return minutes ? t('elapsed.minutesSeconds', { minutes, seconds }) : t('elapsed.seconds', { seconds });
  };

  const tierName = (tier: Tier): string => t(`tier.${tier}`);
  /** "Pro or 4K": the tiers a member may pick from. */
  const tierList = (tiers: readonly Tier[]): string => formatListIn(language, tiers.map(tierName), 'disjunction');
  /** A tier with its price per second; 4K's one flat rate is said once. */
  const tierPrice = (tier: Tier, prices: Prices): string =>
    prices.perSecond === prices.perSecondWithSound
      ? t('tier.pricedFlat', { tier: tierName(tier), perSecond: usd(prices.perSecond) })
      : t('tier.priced', { tier: tierName(tier), perSecond: usd(prices.perSecond), withSound: usd(prices.perSecondWithSound) });

  const listChannels = (ids: readonly string[]): string => {
    const mentions = ids.slice(0, CHANNELS_LISTED).map(channelMention);
    const more = ids.length - mentions.length;
    if (more > 0) return t('list.more', { list: mentions.join(', '), count: more });
    return formatListIn(language, mentions, 'disjunction');
  };

  const placeName = (place: TextPlace): string => {
    switch (place.field) {
      case 'prompt':
        return t('place.prompt');
      case 'negative_prompt':
        return t('place.negativePrompt');
      case 'shot':
        return t('place.shot', { shot: place.shot });
    }
  };

  const budgetRefusalText = (refusal: Extract<AdmissionRefusal, { kind: 'member_budget' | 'server_budget' }>): string => {
    const resets = t('admission.resets', { time: timeUntil(nextResetAt(refusal.at) - refusal.at) });
    const estimate = usd(refusal.estimateUsd);
    const spent = usd(refusal.spentUsd);
    const budget = usd(refusal.budgetUsd);
    if (refusal.kind === 'server_budget') {
      if (refusal.budgetUsd === 0) return t('admission.serverNoBudget');
      return t('admission.serverBudget', { estimate, spent, budget, resets });
    }
    if (refusal.budgetUsd === 0) return t('admission.memberNoBudget');
    const left = refusal.budgetUsd - refusal.spentUsd;
    const hint = left > 0 && refusal.estimateUsd > 0 ? t('admission.memberHint', { left: usd(left) }) : '';
    return t('admission.memberBudget', { estimate, spent, budget, hint, resets });
  };

  /**
   * Why a job ended without a video, from its `errorKind` and data. A kind this release does not
   * know (a row from an older one) falls back to the text the row carries. Every `ErrorKind` has
   * its case: a kind added to the core without words here does not compile.
   */
  const endingReason = (job: EndingFacts): string | undefined => {
    if (!isErrorKind(job.errorKind)) return job.errorMessage ?? undefined;
    const kind = job.errorKind;
    switch (kind) {
      case 'waited_too_long':
        return t('ending.waitedTooLong', { minutes: lineMinutes(job) });
      case 'start_failed':
        return t('ending.startFailed');
      case 'cannot_post':
        return t('ending.cannotPost');
      case 'image_unavailable':
        return t('ending.imageUnavailable');
      case 'outcome_unknown':
        return t('ending.outcomeUnknown');
      case 'not_a_video':
        return t('ending.notAVideo');
      case 'refused_address':
        return t('ending.refusedAddress');
      case 'no_video':
        return t('ending.noVideo');
      case 'provider_failed': {
        // The provider's own words, as it wrote them.
        const reason = providerReason(job);
        return reason ? t('ending.providerFailedBecause', { reason }) : t('ending.providerFailed');
      }
      case 'not_found':
        return t('ending.notFound');
      case 'cancelled':
        if (job.submittedAt === null) return t('ending.cancelledBeforeSubmit');
        return job.startedAt === null ? t('ending.cancelledInQueue') : t('ending.cancelledAtProvider');
      case 'timed_out':
        return job.state === 'cancelled'
          ? t('ending.queueTimeout', { minutes: waitedMinutes(job) })
          : t('ending.timedOut', { minutes: waitedMinutes(job) });
      case 'input_rejected':
        // The provider's own words when it gave any.
        return job.errorMessage ?? t('submit.inputRejected');
      default:
        // What is left is a refused submit; a kind with words neither above nor there does not compile.
        return t(SUBMIT_REFUSALS[kind]);
    }
  };

  return {
    language,
    t,
    usd,
    timeUntil,
    elapsed,
    number: (value: number) => formatNumberIn(language, value),
    /** Joins items in the language's way ("a, b and c"). */
    list: (items: readonly string[]) => formatListIn(language, items, 'conjunction'),
    /** Items that did not fit, counted. */
    joinMore: (count: number) => t('list.joinMore', { count }),
    endingReason,
    tierName,
    tierList,
    tierPrice,

    /** What the member reads when admission refused a request. */
    admissionRefusalText(refusal: AdmissionRefusal): string {
      switch (refusal.kind) {
        case 'channel':
          return t('admission.channel', { channels: listChannels(refusal.allowedChannelIds) });
        case 'role':
          return t('admission.role', { role: roleMention(refusal.roleId) });
        case 'blocked':
          return t('admission.blocked', { place: placeName(refusal.place), phrase: escapeMarkdown(refusal.phrase) });
        case 'tier': {
          const allowed = tierList(refusal.allowedTiers);
          return refusal.tier === null
            ? t('admission.tierUnknown', { allowed })
            : t('admission.tier', { tier: tierName(refusal.tier), allowed });
        }
        case 'already_retried':
          return t('admission.alreadyRetried', { job: code(refusal.retryId) });
        case 'concurrency':
          return t('admission.concurrency', { count: refusal.unfinishedJobs, limit: refusal.limit });
        case 'server_busy':
          return t('admission.serverBusy', { count: refusal.activeJobs });
        case 'line_full':
          return t('admission.lineFull', { count: refusal.waitingJobs });
        case 'member_budget':
        case 'server_budget':
          return budgetRefusalText(refusal);
      }
    },

    /** The one-line state on the status card and in listings. */
    stateText(job: EndingFacts & Pick<Job, 'deletedAt' | 'queuePosition' | 'cancelRefusedAt'>, now: number): string {
      if (job.deletedAt !== null) return t('state.removed');
      switch (job.state) {
        case 'waiting':
          return job.queuePosition === null ? t('state.waiting') : t('state.waitingAt', { position: job.queuePosition });
        case 'created':
        case 'submitting':
          return t('state.sending');
        case 'queued':
          if (job.queuePosition === null) return t('state.queued');
          return job.queuePosition === 0 ? t('state.queuedNext') : t('state.queuedAt', { position: job.queuePosition });
        case 'running': {
          const base = job.startedAt === null ? t('state.rendering') : t('state.renderingFor', { elapsed: elapsed(now - job.startedAt) });
          return job.cancelRefusedAt !== null ? `${base}${t('state.cannotCancelNote')}` : base;
        }
        case 'succeeded':
          return t('state.done');
        case 'failed':
          return t('state.failed', { reason: endingReason(job) ?? t('state.unknownReason') });
        case 'cancelled':
          return `🚫 ${endingReason(job) ?? t('state.cancelled')}`;
        case 'timed_out':
          return `⌛ ${endingReason(job) ?? t('state.timedOut')}`;
        case 'outcome_unknown':
          return `⚠️ ${endingReason(job) ?? t('state.outcomeUnknown')}`;
      }
    },

    /** The final message of a job that did not produce a video. */
    finalFailureText(job: Job): string {
      const reason = endingReason(job);
      const who = mention(job.userId);
      switch (job.state) {
        case 'cancelled':
          return `${who} ${reason ?? t('final.cancelled')}`;
        case 'timed_out':
          return `${who} ${reason ?? t('final.timedOut')}`;
        case 'outcome_unknown':
          return `${who} ${reason ?? t('final.outcomeUnknown')}`;
        default:
          return `${who} ${t('final.failed', { reason: reason ?? '' })}`.trim();
      }
    },
  };
}

export type Copy = ReturnType<typeof makeCopy>;

const cache = new Map<Language, Copy>();

/** The accessors for `language`, made once. */
export function copyFor(language: Language): Copy {
  let copy = cache.get(language);
  if (!copy) {
    copy = makeCopy(language);
    cache.set(language, copy);
  }
  return copy;
}

/** The accessors for a Discord locale (`de`, `en-GB`, …); an unknown one reads English. */
export function copyForLocale(locale: string | null | undefined): Copy {
  return copyFor(languageOf(locale));
}

/** English, the default: for operators' tools and for tests that read the source wording. */
export const EN: Copy = copyFor(DEFAULT_LANGUAGE);
export const { admissionRefusalText, endingReason, finalFailureText } = EN;
