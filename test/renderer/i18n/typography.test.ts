import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { LANGUAGES, type Lang } from '../../../shared/languages.js';
import { SYNTHESIS_LABELS } from '../../../shared/synthesis/export/labels.js';

/**
 * Issue 16, item 3: every UI and export label follows its language's
 * typographic conventions. Quotation marks are CLDR's delimiters (pt is
 * Brazilian Portuguese, as its vocabulary is: “ ”; Arabic uses the « » its
 * typesetters prefer to CLDR's mirrored ” “); French sets a no-break space
 * before : ; ? ! and inside « » (the Imprimerie nationale's rule), Spanish opens a
 * question with ¿, Chinese and Arabic use their own comma and question mark.
 * Dates, numbers and lists come from Intl (CLDR) and are not written here.
 */
const QUOTES: Record<Lang, readonly [string, string]> = {
  de: ['„', '“'],
  en: ['“', '”'],
  ar: ['«', '»'],
  zh: ['“', '”'],
  ko: ['“', '”'],
  es: ['«', '»'],
  fr: ['«', '»'],
  it: ['«', '»'],
  pt: ['“', '”'],
  ru: ['«', '»'],
};
const ALL_QUOTES = /[„“”«»「」"]/g;
/** The search box's placeholder shows the straight quote to type where a keyboard has no other. */
const LITERAL = new Set(['search.placeholder']);

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(path, child);
    else flatten(child as Record<string, unknown>, path, out);
  }
  return out;
}
const texts = (lang: Lang) =>
  [
    ...flatten(
      JSON.parse(readFileSync(new URL(`../../../renderer/i18n/locales/${lang}.json`, import.meta.url), 'utf8')),
    ),
  ].map(([key, text]) => [key, text.replace(/\{\{[^}]*\}\}/g, 'X')] as const);

describe.each(LANGUAGES)('typography in %s', (lang) => {
  const [open, close] = QUOTES[lang];

  it('quotes with the language’s quotation marks, in pairs', () => {
    const wrong = texts(lang).filter(([key, text]) => {
      if (LITERAL.has(key) && /"[^"]+"/.test(text)) return false;
      const marks = text.match(ALL_QUOTES) ?? [];
      if (marks.length % 2) return true;
      return marks.some((mark, i) => mark !== (i % 2 ? close : open));
    });
    expect(wrong).toEqual([]);
    const [docxOpen, docxClose] = SYNTHESIS_LABELS[lang].quotes;
    expect([docxOpen.trim(), docxClose.trim()]).toEqual([open, close]);
  });

  it('spaces and punctuates as the language does', () => {
    const rules: Partial<Record<Lang, [RegExp, string][]>> = {
      fr: [
        [/[^\u00a0\u202f][:;?!](?!\/\/)/, 'a no-break space before : ; ? !'],
        [/« |«[^\u00a0]| »|[^\u00a0]»/, 'a no-break space inside « »'],
      ],
      es: [[/^[^¿]*\?/, '¿ before a question']],
      zh: [[/[\u4e00-\u9fff][,;?!()]|[,;?!()][\u4e00-\u9fff]|[\u4e00-\u9fff]:/, 'full-width punctuation']],
      ar: [[/[\u0600-\u06ff]\s?[,;?]|[,;?]\s?[\u0600-\u06ff]/, 'the Arabic comma, semicolon and question mark']],
      ru: [[/ - /, 'a dash, not a hyphen']],
      en: [[/[A-Za-z]'[A-Za-z]/, 'a typographic apostrophe']],
    };
    for (const [pattern, what] of rules[lang] ?? []) {
      const wrong = texts(lang).filter(([key, text]) => !LITERAL.has(key) && pattern.test(text));
      expect(wrong, what).toEqual([]);
    }
  });

  it('names author kinds in exports as the app does', () => {
    const ui = JSON.parse(
      readFileSync(new URL(`../../../renderer/i18n/locales/${lang}.json`, import.meta.url), 'utf8'),
    ) as { authorKind: Record<string, string> };
    for (const [kind, label] of Object.entries(SYNTHESIS_LABELS[lang].authorKinds))
      expect(label.toLocaleLowerCase(lang), kind).toBe(ui.authorKind[kind]!.toLocaleLowerCase(lang));
  });
});

describe('Russian wording', () => {
  const ru = JSON.parse(readFileSync(new URL('../../../renderer/i18n/locales/ru.json', import.meta.url), 'utf8'));
  const t = async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'ru', resources: { ru: { translation: ru } }, interpolation: { escapeValue: false } });
    return instance.t.bind(instance);
  };

  it('says "at most" with the genitive a number takes after не более', async () => {
    const tr = await t();
    expect([1, 3, 5, 21, 1.5].map((count) => tr('search.countApproximate', { count }))).toEqual([
      'Найдено не более 1 материала',
      'Найдено не более 3 материалов',
      'Найдено не более 5 материалов',
      'Найдено не более 21 материала',
      'Найдено не более 1,5 материала',
    ]);
  });

  it('counts unsent changes without a verb that would have to agree with the number', async () => {
    const tr = await t();
    expect([1, 2, 5].map((count) => tr('reconcile.unsent', { count }))).toEqual([
      'Не отправлено: 1',
      'Не отправлено: 2',
      'Не отправлено: 5',
    ]);
  });

  it('calls an NGO НПО (неправительственная организация, the United Nations’ term), in the app and in exports', () => {
    expect(ru.authorKind.ngo).toBe('НПО');
    expect(SYNTHESIS_LABELS.ru.authorKinds.ngo).toBe('НПО');
  });
});
