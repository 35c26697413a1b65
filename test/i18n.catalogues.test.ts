/** The catalogues: every key in every language, with the English placeholders, and the fallback. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, languageOf } from '../src/community/languages.js';
import { copyFor, copyForLocale } from '../src/discord/copy.js';
import { en } from '../src/discord/i18n/en.js';
import { CATALOGUES, placeholdersOf, translate } from '../src/discord/i18n/translate.js';
import { mention } from '../src/discord/markup.js';
import { describeInput } from '../src/discord/render.js';

const keys = Object.keys(en).sort();

describe('catalogues', () => {
  for (const language of LANGUAGES) {
    it(`${language} has every key, and no other`, () => {
      expect(Object.keys(CATALOGUES[language]).sort()).toEqual(keys);
    });

    it(`${language} uses the same placeholders as English in every message`, () => {
      const mismatched = keys.filter((key) => {
        const k = key as keyof typeof en;
        return placeholdersOf(CATALOGUES[language][k], language).join() !== placeholdersOf(en[k]).join();
      });
      expect(mismatched).toEqual([]);
    });

    it(`${language} leaves no message empty or untranslated by accident`, () => {
      const empty = keys.filter((key) => CATALOGUES[language][key as keyof typeof en].trim() === '');
      expect(empty).toEqual([]);
      if (language !== 'en') {
        // Some words are the same in both (a button called Remix, a "Status" field); most are not.
        const same = keys.filter((key) => CATALOGUES[language][key as keyof typeof en] === en[key as keyof typeof en]);
        expect(same.length).toBeLessThan(keys.length / 10);
      }
    });
  }

  it('formats plurals and numbers for the language', () => {
    expect(translate('en', 'admission.concurrency', { count: 1, limit: 2 })).toContain('You already have 1 video in progress');
    expect(translate('en', 'admission.concurrency', { count: 3, limit: 2 })).toContain('3 videos');
    expect(translate('de', 'admission.concurrency', { count: 1, limit: 2 })).toContain('1 Video in Arbeit');
    expect(copyFor('de').usd(0.56)).toMatch(/^0,56\s\$$/);
    expect(copyFor('en').usd(0.056)).toBe('$0.056');
    expect(describeInput({ input: { duration: 5, aspect_ratio: '16:9', sound: true, cfg_scale: 0.5 } } as never, copyFor('fr'))).toContain(
      '0,5',
    );
  });

  it('keeps member text and mentions literal, whatever they look like', () => {
    const text = copyFor('de').admissionRefusalText({
      kind: 'blocked',
      place: { field: 'prompt' },
      phrase: '{oops} #1',
    });
    expect(text).toContain('„{oops} #1“');
    expect(copyFor('ja').t('delivery.ready', { member: mention('123') })).toBe('<@123> 動画ができました！');
  });

  it('reads a Discord locale as the nearest language, and an unknown one as English', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('pt-BR')).toBe('pt-BR');
    expect(languageOf('es-419')).toBe('es-ES');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('ko')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(copyForLocale('zh-CN').t('refusal.notInServer')).toBe('I work in servers only.');
  });
});
