/**
 * Problems the core returns as facts (a request's fields, shot lines, a server's settings), worded
 * for the reader's language under a heading that says nothing was done. The words are in the
 * catalogues; this module only picks the message and fills it.
 */
import type { GuildSettings, SettingsProblem } from '../community/guildSettings.js';
import type { Language } from '../community/languages.js';
import type { ShotLineProblem } from '../model/formPlan.js';
import type { ImageProblem } from '../model/imageRules.js';
import { type ProblemSubject, ProblemsError, type ValueProblem } from '../model/problemsError.js';
import type { Tier } from '../model/tiers.js';
import type { InputProblem } from '../model/videoInput.js';
import { formatListIn, formatMibIn, formatNumberIn, formatSizeIn, type PlainMessageKey, t } from './i18n/translate.js';
import { channelMention, code } from './markup.js';

/** Every problem a member or a moderator can be shown. */
export type WordedProblem = InputProblem | ShotLineProblem | SettingsProblem;

/** A request's fields by the schema's key; a field a newer model adds shows its key until it has words. */
const INPUT_FIELDS: Readonly<Record<string, PlainMessageKey>> = {
  prompt: 'field.prompt',
  negative_prompt: 'field.negative_prompt',
  duration: 'field.duration',
  aspect_ratio: 'field.aspect_ratio',
  cfg_scale: 'field.cfg_scale',
  sound: 'field.sound',
  multi_prompt: 'field.multi_prompt',
  shot_type: 'field.shot_type',
  start_image_url: 'field.start_image_url',
  end_image_url: 'field.end_image_url',
};

const SETTINGS_FIELDS: Readonly<Record<keyof GuildSettings, PlainMessageKey>> = {
  showcaseChannelId: 'setting.showcaseChannelId',
  allowedChannelIds: 'setting.allowedChannelIds',
  requiredRoleId: 'setting.requiredRoleId',
  blockedPhrases: 'setting.blockedPhrases',
  autoShare: 'setting.autoShare',
  maxConcurrentPerMember: 'setting.maxConcurrentPerMember',
  maxConcurrentPerServer: 'setting.maxConcurrentPerServer',
  maxWaitingPerMember: 'setting.maxWaitingPerMember',
  maxWaitMinutes: 'setting.maxWaitMinutes',
  dailyBudgetPerMemberUsd: 'setting.dailyBudgetPerMemberUsd',
  dailyBudgetPerServerUsd: 'setting.dailyBudgetPerServerUsd',
  extendMaxSeconds: 'setting.extendMaxSeconds',
  language: 'setting.language',
  allowedTiers: 'setting.allowedTiers',
  defaultTier: 'setting.defaultTier',
};

/** The items of a list setting, named one by one. */
const SETTINGS_ITEMS: Partial<Record<keyof GuildSettings, 'setting.allowedChannel' | 'setting.blockedPhrase'>> = {
  allowedChannelIds: 'setting.allowedChannel',
  blockedPhrases: 'setting.blockedPhrase',
};

/** Fields counted in seconds: their limits say so. */
const SECONDS_FIELDS = new Set(['duration']);

const HEADINGS: Readonly<Record<ProblemSubject, PlainMessageKey>> = {
  request: 'problems.request',
  settings: 'problems.settings',
};

/** Markdown and mentions in a member's text must not restyle or ping anything around it. */
export function quoteMemberText(text: string): string {
  return text.replace(/[\\*_~`|>[\]()]/g, '\\$&').replace(/@/g, '@\u200b');
}

function inputFieldName(language: Language, problem: { field: string; shot?: number }): string {
  const key = INPUT_FIELDS[problem.field];
  const name = key ? t(language, key) : problem.field;
  if (problem.shot === undefined) return name;
  return problem.field === 'multi_prompt'
    ? t(language, 'field.shot', { shot: problem.shot })
    : t(language, 'field.inShot', { shot: problem.shot, field: name });
}

function settingName(language: Language, problem: { field: keyof GuildSettings; item?: number }): string {
  const item = SETTINGS_ITEMS[problem.field];
  if (item && problem.item !== undefined) return t(language, item, { item: problem.item });
  return t(language, SETTINGS_FIELDS[problem.field]);
}

function valueProblemText(language: Language, problem: ValueProblem, field: string, seconds: boolean, subject: ProblemSubject): string {
  switch (problem.code) {
    case 'too_long':
      return t(language, 'problem.tooLong', { field, limit: problem.limit });
    case 'too_short':
      return t(language, 'problem.tooShort', { field, limit: problem.limit });
    case 'empty':
      return t(language, 'problem.empty', { field });
    case 'too_many':
      return t(language, 'problem.tooMany', { field, limit: problem.limit });
    case 'too_few':
      return t(language, 'problem.tooFew', { field, limit: problem.limit });
    case 'too_large':
      return t(language, seconds ? 'problem.tooLargeSeconds' : 'problem.tooLarge', { field, limit: problem.limit });
    case 'too_small':
      if (problem.limit === 0) return t(language, 'problem.negative', { field });
      return t(language, seconds ? 'problem.tooSmallSeconds' : 'problem.tooSmall', { field, limit: problem.limit });
    case 'not_one_of':
      return t(language, 'problem.notOneOf', { field, allowed: formatListIn(language, problem.allowed, 'disjunction') });
    case 'not_whole':
      return t(language, 'problem.notWhole', { field });
    case 'not_multiple':
      return t(language, 'problem.notMultiple', { field, divisor: problem.divisor });
    case 'required':
      return t(language, 'problem.required', { field });
    case 'wrong_type':
      switch (problem.expected) {
        case 'text':
          return t(language, 'problem.wrongText', { field });
        case 'number':
          return t(language, 'problem.wrongNumber', { field });
        case 'boolean':
          return t(language, 'problem.wrongBoolean', { field });
        case 'list':
          return t(language, 'problem.wrongList', { field });
        default:
          return t(language, 'problem.wrongKind', { field });
      }
    case 'bad_format':
      // The only text in a fixed form among the settings is an id of a channel or a role.
      return t(language, subject === 'settings' ? 'problem.discordId' : 'problem.badFormat', { field });
    case 'invalid':
      return t(language, 'problem.invalid', { field });
  }
}

/** One problem as a clause (no heading, no full stop); `subject` says whose fields it names. */
export function problemText(language: Language, subject: ProblemSubject, problem: WordedProblem): string {
  switch (problem.code) {
    case 'shot_line_form':
      return t(language, 'problem.shotLineForm', { line: problem.line });
    case 'shot_line_seconds':
      return t(language, 'problem.shotLineSeconds', { line: problem.line, text: quoteMemberText(problem.text) });
    case 'shots_total':
      return t(language, 'problem.shotsTotal', { total: problem.total, duration: problem.duration });
    case 'unknown_fields':
      return t(language, 'problem.unknownFields', { count: problem.fields.length, fields: problem.fields.join(', ') });
    case 'unknown_settings':
      return t(language, 'problem.unknownSettings', { count: problem.fields.length, fields: problem.fields.join(', ') });
    case 'no_letters':
      return t(language, 'problem.noLetters', { field: settingName(language, problem) });
    case 'default_tier_not_allowed': {
      const tierName = (tier: Tier) => t(language, `tier.${tier}`);
      return t(language, 'settings.tierDefaultNotAllowed', {
        tier: tierName(problem.tier),
        allowed: formatListIn(language, problem.allowed.map(tierName), 'disjunction'),
      });
    }
    default:
      if (subject === 'settings') {
        const setting = problem as ValueProblem & { field: keyof GuildSettings; item?: number };
        return valueProblemText(language, setting, settingName(language, setting), false, subject);
      }
      return valueProblemText(language, problem, inputFieldName(language, problem), SECONDS_FIELDS.has(problem.field), subject);
  }
}

/** Problems under the heading of what was not done: one sentence, or a list of them. */
export function problemsText(language: Language, subject: ProblemSubject, problems: readonly WordedProblem[]): string {
  const heading = t(language, HEADINGS[subject]);
  const lines = problems.map((problem) => problemText(language, subject, problem));
  if (lines.length === 1) return t(language, 'problems.one', { heading, problem: lines[0] ?? '' });
  return t(language, 'problems.many', { heading, list: lines.map((line) => `• ${line}`).join('\n') });
}

/** A {@link ProblemsError} from the core, worded; undefined for any other error. */
export function problemsErrorText(language: Language, error: unknown): string | undefined {
  if (!(error instanceof ProblemsError)) return undefined;
  return problemsText(language, error.subject, error.problems as readonly WordedProblem[]);
}

/** Why a picture was refused: which image, which limit, what to do. */
export function imageProblemText(language: Language, problem: ImageProblem): string {
  const image = t(language, problem.role === 'end' ? 'image.end' : 'image.start');
  // The provider counts its picture limits in megabytes.
  const mb = (bytes: number) => formatSizeIn(language, bytes, 'MB');
  switch (problem.kind) {
    case 'not_image':
      return t(language, 'image.notImage', { image });
    case 'wrong_type':
      return t(language, 'image.wrongType', {
        image,
        type: code(problem.type),
        allowed: formatListIn(
          language,
          problem.allowed.map((type) => type.replace(/^image\//, '').toUpperCase()),
          'disjunction',
        ),
      });
    case 'too_large':
      return t(language, 'image.tooLarge', { image, size: mb(problem.bytes), max: mb(problem.maxBytes) });
    case 'no_pixels':
      return t(language, 'image.noPixels', { image });
    case 'too_small':
      return t(language, 'image.tooSmall', { image, width: problem.width, height: problem.height, min: problem.minSide });
    case 'too_narrow':
    case 'too_wide':
      return t(language, problem.kind === 'too_narrow' ? 'image.tooNarrow' : 'image.tooWide', {
        image,
        width: problem.width,
        height: problem.height,
        ratio: formatNumberIn(language, problem.maxRatio),
      });
    case 'end_with_shots':
      return t(language, 'image.endWithShots');
    case 'loop_with_end':
      return t(language, 'image.loopWithEnd');
    case 'unreadable':
      return t(language, 'image.unreadable', { image });
  }
}

/** Why a share to the showcase did not happen. */
export type ShareProblem =
  | { kind: 'no_showcase' }
  | { kind: 'not_finished' }
  | { kind: 'in_progress' }
  | { kind: 'deleted_meanwhile' }
  | { kind: 'file_gone' }
  | { kind: 'too_large'; limitBytes?: number }
  | { kind: 'cannot_post'; channelId: string };

export function shareProblemText(language: Language, problem: ShareProblem): string {
  switch (problem.kind) {
    case 'no_showcase':
      return t(language, 'share.noShowcase');
    case 'not_finished':
      return t(language, 'share.notFinished');
    case 'in_progress':
      return t(language, 'share.inProgress');
    case 'deleted_meanwhile':
      return t(language, 'share.deletedMeanwhile');
    case 'file_gone':
      return t(language, 'share.fileGone');
    case 'too_large':
      return problem.limitBytes === undefined
        ? t(language, 'share.tooLarge')
        : t(language, 'share.tooLargeLimit', { limit: `${formatNumberIn(language, Math.round(problem.limitBytes / 1024 / 1024))} MiB` });
    case 'cannot_post':
      return t(language, 'share.cannotPost', { channel: channelMention(problem.channelId) });
  }
}

/** Why the GIF button made no GIF. */
export type GifProblem =
  | { kind: 'not_finished' }
  | { kind: 'file_gone' }
  | { kind: 'too_large'; limitBytes: number }
  | { kind: 'failed' }
  | { kind: 'cannot_post' };

export function gifProblemText(language: Language, problem: GifProblem): string {
  switch (problem.kind) {
    case 'not_finished':
      return t(language, 'gif.notFinished');
    case 'file_gone':
      return t(language, 'gif.fileGone');
    case 'too_large':
      return t(language, 'gif.tooLarge', { limit: formatMibIn(language, problem.limitBytes) });
    case 'failed':
      return t(language, 'gif.failed');
    case 'cannot_post':
      return t(language, 'gif.cannotPost');
  }
}
