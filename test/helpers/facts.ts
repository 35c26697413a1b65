/**
 * What the core may hand the Discord layer: facts, never a sentence. Codes, field names and
 * limits are single tokens; the only text with spaces is the member's own, carried back under a
 * key that says so (the shot line they typed, the phrase that was blocked, the keys they sent).
 */
import { expect } from 'vitest';

/** Keys whose strings are the member's own text, handed back as they typed it. */
const MEMBER_TEXT_KEYS = new Set(['text', 'phrase', 'fields']);

/** Every string in `value`, with the key it sits under. */
function stringsIn(value: unknown, key = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key, text: value }];
  if (Array.isArray(value)) return value.flatMap((item) => stringsIn(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, k));
  return [];
}

/** Fails when a string of `facts` outside the member's own text reads like words: a space in it, or a full stop. */
export function expectFacts(facts: unknown): void {
  const sentences = stringsIn(facts).filter(({ key, text }) => !MEMBER_TEXT_KEYS.has(key) && /[\s.!?]/.test(text));
  expect(sentences, `sentences in ${JSON.stringify(facts)}`).toEqual([]);
}
