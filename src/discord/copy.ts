/**
 * Every sentence a member reads, keyed by what happened, with the data as parameters, in the
 * member's or the server's language. The core returns kinds and data (a job's `errorKind`, an
 * admission refusal, a cancel outcome); the words live in the catalogues under `i18n/` (English
 * is the source of the keys), and these typed accessors are the only way the Discord layer reads
 * them, so a call site keeps a kind and its data.
 */
import type { AdmissionRefusal, TextPlace } from '../community/admission.js';
import { DEFAULT_LANGUAGE, type Language, languageOf } from '../community/languages.js';
import { nextResetAt } from '../community/spendLedger.js';
import { type ErrorKind, isErrorKind, type Job } from '../jobs/job.js';
import type { CancelOutcome } from '../jobs/jobService.js';
import type { JobState } from '../jobs/jobState.js';
import type { DownloadErrorKind } from '../media/download.js';
import type { ImageProblem } from '../model/imageRules.js';
import type { Prices } from '../model/pricing.js';
import type { Tier } from '../model/tiers.js';
import { DURATION_MAX_SECONDS, DURATION_MIN_SECONDS, PROMPT_MAX_CHARS } from '../model/videoInput.js';
import { COMMAND_TEXT, type CommandLocale } from './i18n/commandText.js';
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

export { type Language, languageOf };

/** Each language by its own name, as a member looking for theirs would read it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  'es-ES': 'Español (España)',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
};

/** The words of a form's fields, by the field's key in the schema (or a picture's option name). */
const FORM_FIELD_KEYS: Readonly<Record<string, { label: PlainMessageKey; placeholder?: PlainMessageKey }>> = {
  prompt: { label: 'form.promptLabel', placeholder: 'form.promptPlaceholder' },
  multi_prompt: { label: 'form.shotsLabel', placeholder: 'form.shotsPlaceholder' },
  negative_prompt: { label: 'form.negativeLabel', placeholder: 'form.negativePlaceholder' },
  duration: { label: 'form.durationLabel' },
  aspect_ratio: { label: 'form.aspectRatioLabel' },
  sound: { label: 'form.soundLabel' },
  cfg_scale: { label: 'form.cfgScaleLabel', placeholder: 'form.cfgScalePlaceholder' },
  image: { label: 'form.imageLabel' },
  end_image: { label: 'form.endImageLabel' },
  loop: { label: 'form.loopLabel' },
};

/** Beyond this, a list of allowed channels would crowd the message; the rest are counted. */
const CHANNELS_LISTED = 10;

/** Releases before this one wrote the whole sentence; the provider's own words follow this. */
const LEGACY_PROVIDER_FAILED_LEAD = 'The provider could not make this video: ';

/**
 * The provider's own reason, shown as it wrote it. Rows from older releases hold it inside an
 * English sentence; newer ones hold it alone.
 */
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

const FETCH_PROBLEMS: Readonly<Record<DownloadErrorKind, PlainMessageKey>> = {
  bad_url: 'fetch.badUrl',
  not_video: 'fetch.notVideo',
  not_image: 'fetch.notImage',
  too_large: 'fetch.tooLarge',
  expired: 'fetch.expired',
  http_error: 'fetch.httpError',
  timeout: 'fetch.timeout',
  network: 'fetch.network',
};

const CANCEL_KEYS: Readonly<Record<CancelOutcome['outcome'], PlainMessageKey>> = {
  cancelled: 'cancel.cancelled',
  not_cancellable: 'cancel.notCancellable',
  already_finished: 'cancel.alreadyFinished',
  submitting: 'cancel.submitting',
  not_found: 'cancel.notFound',
};

/** How a share ended, as the showcase reports it. */
/** Why the GIF button made no GIF. */
export type GifProblem =
  | { kind: 'not_finished' }
  | { kind: 'file_gone' }
  | { kind: 'too_large'; limitBytes: number }
  | { kind: 'failed' }
  | { kind: 'cannot_post' };

export type ShareProblem =
  | { kind: 'no_showcase' }
  | { kind: 'not_finished' }
  | { kind: 'in_progress' }
  | { kind: 'deleted_meanwhile' }
  | { kind: 'file_gone' }
  | { kind: 'too_large'; limitBytes?: number }
  | { kind: 'cannot_post'; channelId: string };

export interface UsageFacts {
  mineUsd: number;
  serverUsd: number;
  memberBudgetUsd: number | null;
  serverBudgetUsd: number | null;
  /** Today's jobs by state, in the order first seen. */
  byState: readonly (readonly [string, number])[];
  /** The member's jobs holding a slot (what `maxConcurrent` limits); waiting ones are in `line`. */
  inProgress: number;
  maxConcurrent: number;
  msUntilReset: number;
  /** The server's line: how many wait, and how many of them are the member's. */
  line?: { waiting: number; mine: number };
}

/** The accessors for one language. */
function makeCopy(language: Language) {
  /** The one typed way to a sentence: a catalogue key and exactly the values its message names. */
  const t = <K extends MessageKey>(key: K, ...values: ValuesArgument<K>) => translateTyped(language, key, ...values);
  const usd = (amount: number) => formatUsdIn(language, amount);
  const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const mib = (bytes: number) => `${oneDecimal.format(bytes / 1024 / 1024)} MiB`;

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
      case 'auth':
      case 'balance':
      case 'rate_limited':
      case 'unavailable':
      case 'malformed':
      case 'submit_failed':
        return t(SUBMIT_REFUSALS[kind]);
    }
    const unworded: never = kind;
    return unworded;
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

    /** A picture in a role the tier does not take (an end frame on Standard), with the tiers that do. */
    tierLacksImageText(tier: Tier, tiersWith: readonly Tier[]): string {
      return t('image.endFrameTier', { tier: tierName(tier), tiers: tierList(tiersWith), count: tiersWith.length });
    },

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

    cancelReply: (outcome: CancelOutcome['outcome']) => t(CANCEL_KEYS[outcome]),

    /** The answer to a member whose video waits in the server's line, with its place when known. */
    waitingAnswer: (estimateUsd: number, position: number | null, place: string) =>
      position === null
        ? t('start.waiting', { estimate: usd(estimateUsd), place })
        : t('start.waitingAt', { estimate: usd(estimateUsd), position, place }),
    /** What a job cost, or about what it will. */
    cost: (job: Pick<Job, 'costUsd' | 'estimateUsd'>) =>
      job.costUsd !== null ? usd(job.costUsd) : t('listing.about', { amount: usd(job.estimateUsd) }),
    /** The server's line as its settings show it: off, or how many and how long. */
    lineSetting: (perMember: number, minutes: number) =>
      perMember === 0 ? t('settings.lineOff') : t('settings.line', { count: perMember, time: timeUntil(minutes * 60_000) }),
    cardTitle: (kind: Job['kind'], tier?: Tier) => {
      if (kind === 'upgrade' && tier) return t('card.titleUpgrade', { tier: tierName(tier) });
      return t(
        kind === 'remix'
          ? 'card.titleRemix'
          : kind === 'retry'
            ? 'card.titleRetry'
            : kind === 'extend'
              ? 'card.titleExtend'
              : 'card.titleNew',
      );
    },
    /** The button that renders a draft again one tier up. */
    renderAgainLabel: (tier: Tier) => t('button.renderAgain', { tier: tierName(tier) }),
    /** The server's tiers as its settings show them: which are allowed, and the default. */
    tiersSetting: (tiers: readonly Tier[], tier: Tier) =>
      t('settings.tiers', { tiers: formatListIn(language, tiers.map(tierName), 'conjunction'), tier: tierName(tier) }),
    tierDefaultNotAllowed: (tier: Tier, allowed: readonly Tier[]) =>
      t('settings.tierDefaultNotAllowed', { tier: tierName(tier), allowed: tierList(allowed) }),
    /** A field's label and placeholder in a form, by its key; undefined for a field without words of its own. */
    formField: (key: string): { label: string; placeholder?: string } | undefined => {
      const words = FORM_FIELD_KEYS[key];
      if (!words) return undefined;
      return { label: t(words.label), ...(words.placeholder ? { placeholder: t(words.placeholder) } : {}) };
    },
    /** Words of the slash options, reused where a form describes the same field. */
    optionText: (english: string) => (language === 'en' ? english : (COMMAND_TEXT[english]?.[language as CommandLocale] ?? english)),
    /** The lead of a final message whose video is too large to upload, with the sizes when known. */
    tooLargeLead: (userId: string, sizes?: { bytes?: number | undefined; limitBytes: number }) =>
      sizes
        ? t('delivery.tooLargeSized', {
            member: mention(userId),
            size: sizes.bytes ? t('delivery.tooLargeSize', { size: mib(sizes.bytes) }) : '',
            limit: mib(sizes.limitBytes),
          })
        : t('delivery.tooLarge', { member: mention(userId) }),
    /** The note on a video re-encoded to fit, before the provider's full-quality link. */
    fittedLead: (fromBytes: number, toBytes: number, expiresAt: number | undefined) =>
      t('delivery.fitted', {
        from: mib(fromBytes),
        to: mib(toBytes),
        // Discord shows a timestamp in each reader's own time and language.
        expiry: expiresAt === undefined ? t('delivery.expiresUnknown') : `<t:${Math.floor(expiresAt / 1000)}:R>`,
      }),
    /** Why the GIF button made no GIF. */
    gifProblem: (problem: GifProblem) => {
      switch (problem.kind) {
        case 'not_finished':
          return t('gif.notFinished');
        case 'file_gone':
          return t('gif.fileGone');
        case 'too_large':
          return t('gif.tooLarge', { limit: mib(problem.limitBytes) });
        case 'failed':
          return t('gif.failed');
        case 'cannot_post':
          return t('gif.cannotPost');
      }
    },
    cannotFetch: (userId: string, kind: DownloadErrorKind) =>
      t('delivery.cannotFetch', { member: mention(userId), problem: t(FETCH_PROBLEMS[kind]) }),

    shareProblemText(problem: ShareProblem): string {
      switch (problem.kind) {
        case 'no_showcase':
          return t('share.noShowcase');
        case 'not_finished':
          return t('share.notFinished');
        case 'in_progress':
          return t('share.inProgress');
        case 'deleted_meanwhile':
          return t('share.deletedMeanwhile');
        case 'file_gone':
          return t('share.fileGone');
        case 'too_large':
          return problem.limitBytes === undefined
            ? t('share.tooLarge')
            : t('share.tooLargeLimit', { limit: `${formatNumberIn(language, Math.round(problem.limitBytes / 1024 / 1024))} MiB` });
        case 'cannot_post':
          return t('share.cannotPost', { channel: channelMention(problem.channelId) });
      }
    },

    usageLines(facts: UsageFacts): string[] {
      const against = (spent: number, budget: number | null) =>
        budget === null
          ? t('usage.noLimit', { spent: usd(spent) })
          : t('usage.against', { spent: usd(spent), budget: usd(budget), left: usd(Math.max(0, budget - spent)) });
      const stateName = (state: string) =>
        `jobState.${state}` in STATE_WORD_KEYS ? t(`jobState.${state}` as PlainMessageKey) : state.replace('_', ' ');
      const states =
        facts.byState.map(([state, count]) => t('usage.stateCount', { count, state: stateName(state) })).join(', ') || t('usage.none');
      return [
        t('usage.title'),
        t('usage.you', { value: against(facts.mineUsd, facts.memberBudgetUsd) }),
        t('usage.server', { value: against(facts.serverUsd, facts.serverBudgetUsd) }),
        t('usage.videos', { states }),
        t('usage.inProgress', { count: facts.inProgress, max: facts.maxConcurrent }),
        ...(facts.line && facts.line.waiting > 0 ? [t('usage.line', { count: facts.line.waiting, mine: facts.line.mine })] : []),
        t('usage.resets', { time: timeUntil(facts.msUntilReset) }),
      ];
    },

    helpLines(
      prices: { perSecond: number; perSecondWithSound: number },
      animate?: { prices: { perSecond: number; perSecondWithSound: number }; minSide: number; maxBytes: number },
      tiers?: readonly { tier: Tier; prices: Prices }[],
    ): string[] {
      const mb = (bytes: number) => `${formatNumberIn(language, Math.round(bytes / 1000 / 1000))} MB`;
      return [
        t('help.title'),
        t('help.create', { maxChars: PROMPT_MAX_CHARS, min: DURATION_MIN_SECONDS, max: DURATION_MAX_SECONDS }),
        ...(animate ? [t('help.animate', { min: animate.minSide, max: mb(animate.maxBytes) })] : []),
        t('help.multishot'),
        t('help.card'),
        t('help.actions'),
        // With tiers, each allowed tier's own price replaces the one-model lines.
        ...(tiers?.length
          ? [t('help.tiers'), ...tiers.map(({ tier, prices: own }) => t('help.tierLine', { line: tierPrice(tier, own) }))]
          : [
              t('help.cost', { withSound: usd(prices.perSecondWithSound), withoutSound: usd(prices.perSecond) }),
              ...(animate
                ? [
                    t('help.animateCost', {
                      withSound: usd(animate.prices.perSecondWithSound),
                      withoutSound: usd(animate.prices.perSecond),
                    }),
                  ]
                : []),
            ]),
        t('help.preferences'),
        t('help.rendering'),
      ];
    },

    /** The settings a job ran with, as the card and the showcase show them. */
    describeInput(input: Job['input']): string {
      const parts = [
        t('input.seconds', { seconds: input.duration }),
        input.aspect_ratio ?? t('input.fromImage'),
        input.sound ? t('input.soundOn') : t('input.soundOff'),
        t('input.cfg', { value: formatNumberIn(language, input.cfg_scale) }),
      ];
      if (input.multi_prompt) parts.push(t('input.shots', { count: input.multi_prompt.length }));
      return parts.join(' · ');
    },

    /** Why a picture was refused: which image, which limit, what to do. */
    imageProblemText(problem: ImageProblem): string {
      const image = t(problem.role === 'end' ? 'image.end' : 'image.start');
      const mb = (bytes: number) => `${oneDecimal.format(bytes / 1000 / 1000)} MB`;
      switch (problem.kind) {
        case 'not_image':
          return t('image.notImage', { image });
        case 'wrong_type':
          return t('image.wrongType', {
            image,
            type: code(problem.type),
            allowed: formatListIn(
              language,
              problem.allowed.map((type) => type.replace(/^image\//, '').toUpperCase()),
              'disjunction',
            ),
          });
        case 'too_large':
          return t('image.tooLarge', { image, size: mb(problem.bytes), max: mb(problem.maxBytes) });
        case 'no_pixels':
          return t('image.noPixels', { image });
        case 'too_small':
          return t('image.tooSmall', { image, width: problem.width, height: problem.height, min: problem.minSide });
        case 'too_narrow':
        case 'too_wide':
          return t(problem.kind === 'too_narrow' ? 'image.tooNarrow' : 'image.tooWide', {
            image,
            width: problem.width,
            height: problem.height,
            ratio: formatNumberIn(language, problem.maxRatio),
          });
        case 'end_with_shots':
          return t('image.endWithShots');
        case 'loop_with_end':
          return t('image.loopWithEnd');
        case 'unreadable':
          return t('image.unreadable', { image });
      }
    },
  };
}

/** The job states that have words of their own in `/video usage`. */
const STATE_WORD_KEYS: Readonly<Record<string, true>> = Object.fromEntries(
  (
    [
      'waiting',
      'created',
      'submitting',
      'queued',
      'running',
      'succeeded',
      'failed',
      'cancelled',
      'timed_out',
      'outcome_unknown',
    ] satisfies JobState[]
  ).map((state) => [`jobState.${state}`, true as const]),
);

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
export const { admissionRefusalText, endingReason, finalFailureText, shareProblemText, usageLines, helpLines } = EN;
