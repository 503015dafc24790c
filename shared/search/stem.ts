import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { Lang } from '../languages.js';

/**
 * Snowball stemmers (Orama's maintained port) for the European languages.
 * Arabic, Chinese and Korean have none here: Arabic light stemmers conflate
 * too much for a legal corpus, and Chinese and Korean words do not inflect
 * that way (Korean particles are reached by prefix matching instead).
 *
 * Stems are taken of FOLDED words, on both sides: a query typed without
 * accents ("donnees") then stems as the text ("données" folded) does, which
 * stemming before folding would not guarantee.
 */
const STEMMERS: Partial<Record<Lang, (word: string) => string>> = {
  de: german,
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  pt: portuguese,
  ru: russian,
};

const CACHE_LIMIT = 50_000;
const caches = new Map<Lang, Map<string, string>>();

export function hasStemmer(lang: Lang): boolean {
  return STEMMERS[lang] !== undefined;
}

/** The stem of a folded word; the word itself where the language has no stemmer. */
export function stemOf(word: string, lang: Lang): string {
  const stem = STEMMERS[lang];
  if (!stem) return word;
  let cache = caches.get(lang);
  if (!cache) caches.set(lang, (cache = new Map()));
  let found = cache.get(word);
  if (found === undefined) {
    found = stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, found);
  }
  return found;
}
