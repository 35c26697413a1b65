/**
 * Problems a member can fix, as facts: which field, which rule, which limit. The core never words
 * them; the chat layer turns each into a sentence in the reader's language, under a heading that
 * says nothing was done (the request was not sent, the settings were not saved).
 */
import type { z } from 'zod';

/** What was refused, so the heading can say what was not done. */
export type ProblemSubject = 'request' | 'settings';

/** The kind of value a field expects, when a value of another kind came. */
export type ExpectedKind = 'text' | 'number' | 'boolean' | 'list' | 'object' | 'other';

/** What is wrong with one value, whatever field it belongs to. */
export type ValueProblem =
  /** Text longer than `limit` characters. */
  | { code: 'too_long'; limit: number }
  /** Text shorter than `limit` characters (at least 2: below that it is `empty`). */
  | { code: 'too_short'; limit: number }
  | { code: 'empty' }
  /** A list with more than `limit` items. */
  | { code: 'too_many'; limit: number }
  | { code: 'too_few'; limit: number }
  /** A number above `limit`. */
  | { code: 'too_large'; limit: number }
  /** A number below `limit`. */
  | { code: 'too_small'; limit: number }
  | { code: 'not_one_of'; allowed: readonly string[] }
  | { code: 'not_whole' }
  | { code: 'not_multiple'; divisor: number }
  | { code: 'required' }
  | { code: 'wrong_type'; expected: ExpectedKind }
  /** Text not in the form the field takes (a Discord id that is not digits). */
  | { code: 'bad_format' }
  /** A refinement this list does not name; the field is still known. */
  | { code: 'invalid' };

export type ValueProblemCode = ValueProblem['code'];

/** An error that carries problems as data, for the chat layer to word. */
export class ProblemsError<P extends { code: string }> extends Error {
  constructor(
    readonly subject: ProblemSubject,
    readonly problems: readonly P[],
  ) {
    // Operators read the facts; members read the chat layer's sentences.
    super(`${subject} refused: ${problems.map((problem) => JSON.stringify(problem)).join('; ')}`);
  }
}

function valueAt(draft: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = draft;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const EXPECTED: Readonly<Record<string, ExpectedKind>> = {
  string: 'text',
  number: 'number',
  int: 'number',
  bigint: 'number',
  boolean: 'boolean',
  array: 'list',
  object: 'object',
};

/**
 * A zod issue as a fact. zod's own `message` is English for developers and is never read: its
 * codes and limits are. `unrecognized_keys` is not a value's problem and returns undefined, as
 * does a custom issue, whose `params` each source reads itself.
 */
export function valueProblemOf(issue: z.core.$ZodIssue, draft: unknown): ValueProblem | undefined {
  switch (issue.code) {
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', limit };
      return { code: 'too_large', limit };
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? { code: 'empty' } : { code: 'too_short', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', limit };
      return { code: 'too_small', limit };
    }
    case 'invalid_value':
      return { code: 'not_one_of', allowed: issue.values.map(String) };
    case 'invalid_type':
      if (valueAt(draft, issue.path) === undefined) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_whole' };
      return { code: 'wrong_type', expected: EXPECTED[issue.expected] ?? 'other' };
    case 'not_multiple_of':
      return { code: 'not_multiple', divisor: Number(issue.divisor) };
    case 'invalid_format':
      return { code: 'bad_format' };
    case 'unrecognized_keys':
    case 'custom':
      return undefined;
    default:
      return { code: 'invalid' };
  }
}
