import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { Lang } from '../languages.js';
import { arabicStem, arabicStemCandidates } from './arabic-stem.js';

/**
 * Snowball stemmers (Orama's maintained port) for the European languages, a
 * light stemmer for Arabic (arabic-stem.ts: its clitics are written onto the
 * word). Chinese and Korean have none: Chinese words do not inflect, and
 * Korean particles are reached by matching inside words instead.
 *
 * Stems are taken of FOLDED words, on both sides: a query typed without
 * accents ("donnees") then stems as the text ("données" folded) does, which
 * stemming before folding would not guarantee.
 */
const STEMMERS: Partial<Record<Lang, (word: string) => string>> = {
  ar: arabicStem,
  de: german,
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  // Snowball's Portuguese knows -ções, not the folded -coes: the plural of -ção is made -cao again first.
  pt: (word) => portuguese(word.endsWith('oes') ? `${word.slice(0, -3)}ao` : word),
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

/**
 * Languages whose stems are not a beginning of their words (Arabic strips
 * prefixes): each word is indexed under its stem too, marked so it is never
 * taken for a word, since the vocabulary scan by beginning cannot find them.
 */
export const STEM_MARK = '\u0001';

export function indexesStems(lang: Lang): boolean {
  return lang === 'ar';
}

/** The stems a query word may stand for: one, but several in Arabic, where a prefix letter may be the root's. */
export function stemCandidates(word: string, lang: Lang): string[] {
  return lang === 'ar' ? arabicStemCandidates(word) : [stemOf(word, lang)];
}

/**
 * Whether two stems are one word's. Snowball leaves a few forms of a word
 * with stems one or two letters apart in Spanish and Russian (libertad →
 * libert, libertades → libertad; защита → защит, защите → защ): there, a
 * stem that begins the other and is at most two letters shorter counts as
 * the same. Elsewhere it cost precision for no recall (the recall test's
 * French and Italian: nationalité found national).
 */
const LOOSE_STEMS: ReadonlySet<Lang> = new Set(['es', 'ru']);

export function stemsMatch(a: string, b: string, lang: Lang): boolean {
  if (a === b) return true;
  if (!LOOSE_STEMS.has(lang)) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.length - short.length <= 2 && long.startsWith(short);
}

/** Endings a German noun takes at the end of a compound (Freiheiten, Staates, Rechte). */
const GERMAN_ENDINGS = ['', 'e', 'en', 'n', 's', 'es', 'er', 'ern', 'ens'];

/**
 * German writes compounds as one word whose last part is its head
 * (Sorgfaltspflicht is a Pflicht, Meinungsfreiheiten are Freiheiten): a word
 * that ends with the stem and one of a noun's endings, with at least three
 * letters before, whose end stems as the stem does. (The compound's own
 * stem would not do: Snowball strips -heit from Meinungsfreiheit, not from
 * Freiheit.)
 */
export function compoundTails(queryWord: string, stem: string): string[] {
  // The word as typed too: Snowball may cut it shorter than its compounds' ends (sicherheit).
  return [...new Set([queryWord, ...GERMAN_ENDINGS.map((ending) => stem + ending)])];
}

export function isCompoundHead(queryWord: string, stem: string, word: string, lang: Lang): boolean {
  for (const tail of compoundTails(queryWord, stem))
    if (word.length >= tail.length + 3 && word.endsWith(tail) && stemsMatch(stemOf(tail, lang), stem, lang))
      return true;
  return false;
}
