/** The ten languages of the consultation, in the order the platform lists them. */
export const LANGUAGES = ['de', 'en', 'ar', 'zh', 'ko', 'es', 'fr', 'it', 'pt', 'ru'] as const;

export type Lang = (typeof LANGUAGES)[number];

const LANGUAGE_SET: ReadonlySet<string> = new Set(LANGUAGES);

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && LANGUAGE_SET.has(value);
}

/** Each language's name in itself: what a language picker shows. */
export const NATIVE_NAMES: Readonly<Record<Lang, string>> = {
  de: 'Deutsch',
  en: 'English',
  ar: 'العربية',
  zh: '中文',
  ko: '한국어',
  es: 'Español',
  fr: 'Français',
  it: 'Italiano',
  pt: 'Português',
  ru: 'Русский',
};

export function textDirection(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Text in some of the ten languages; questions may lack some of them. */
export type LocalizedText = Partial<Record<Lang, string>>;

/**
 * The consultation was run from France: a missing title falls back to French,
 * then English, then whatever language exists (docs/import-format.md).
 */
export function pickLocalized(text: LocalizedText, lang: Lang): { lang: Lang; text: string } | undefined {
  for (const candidate of [lang, 'fr', 'en', ...LANGUAGES] as const) {
    const value = text[candidate];
    if (value !== undefined && value !== '') return { lang: candidate, text: value };
  }
  return undefined;
}
