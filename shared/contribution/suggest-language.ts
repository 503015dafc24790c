import type { Lang } from '../languages.js';

/**
 * A guess at the language a text is written in, for the composer to propose
 * (the author decides). Scripts settle Arabic, Chinese, Korean and Russian;
 * among the Latin-script languages, the most frequent short function words
 * decide. Null when the text is too short to say.
 */
const FUNCTION_WORDS: Record<'de' | 'en' | 'es' | 'fr' | 'it' | 'pt', readonly string[]> = {
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'von', 'zu', 'den', 'ein', 'eine', 'für', 'auf', 'dass'],
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'in', 'for', 'with', 'on', 'are', 'be', 'this', 'by', 'as'],
  es: ['el', 'la', 'de', 'que', 'y', 'los', 'las', 'en', 'por', 'con', 'para', 'una', 'es', 'del', 'se'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'que', 'en', 'un', 'une', 'du', 'pour', 'dans', 'pas'],
  it: ['il', 'la', 'di', 'che', 'e', 'per', 'non', 'gli', 'del', 'della', 'con', 'una', 'sono', 'nel', 'le'],
  pt: ['o', 'a', 'de', 'que', 'e', 'os', 'as', 'em', 'para', 'com', 'não', 'uma', 'do', 'da', 'é'],
};

const MIN_LETTERS = 12;

export function suggestLanguage(text: string): Lang | null {
  let hangul = 0;
  let han = 0;
  let kana = 0;
  let arabic = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Hangul}/u.test(ch)) hangul++;
    else if (/\p{Script=Han}/u.test(ch)) han++;
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) kana++;
    else if (/\p{Script=Arabic}/u.test(ch)) arabic++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else if (/\p{Script=Latin}/u.test(ch)) latin++;
  }
  const letters = hangul + han + kana + arabic + cyrillic + latin;
  // Chinese and Korean carry more per character: a few are enough.
  if (hangul >= 4 && hangul >= han) return 'ko';
  if (han >= 4 && kana === 0 && han > latin / 4) return 'zh';
  if (letters < MIN_LETTERS) return null;
  const scripts: [Lang, number][] = [
    ['ar', arabic],
    ['ru', cyrillic],
  ];
  for (const [lang, count] of scripts) if (count > letters / 2) return lang;
  if (latin <= letters / 2) return null;

  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: Lang | null = null;
  let bestScore = 0;
  for (const [lang, list] of Object.entries(FUNCTION_WORDS) as [Lang, readonly string[]][]) {
    const set = new Set(list);
    const score = words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0);
    if (score > bestScore) [best, bestScore] = [lang, score];
  }
  return bestScore >= 2 ? best : null;
}
