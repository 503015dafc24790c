import type { Lang } from '../languages.js';

/**
 * How a word is compared in search: compatibility-normalised (NFKC: full-width
 * letters, ligatures, Arabic presentation forms), lower-cased, with the marks
 * a reader may leave out removed where the language allows it. Done per word
 * (the tokenizer keeps each word's offsets in the original text, so folding
 * may change lengths freely).
 *
 * - Latin and Greek letters lose their accents (é→e, ü→u, ç→c), except those
 *   a language treats as another letter: Spanish ñ.
 * - Cyrillic folds only ё→е: й is a letter of its own, not и with a mark.
 * - Arabic loses its vowel marks and tatweel, and unifies the letters written
 *   either way (alef with or without hamza or madda, alef maqsura and yeh,
 *   teh marbuta and heh), as Lucene's Arabic normaliser does.
 * - Hangul, Han and kana are left as they are (NFD would split a Hangul
 *   syllable into jamo).
 */

/** Letters a language keeps whole where others fold them. */
const KEEP: Partial<Record<Lang, ReadonlySet<string>>> = {
  es: new Set(['ñ']),
};

const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ alef with madda
  '\u0623': '\u0627', // أ alef with hamza above
  '\u0625': '\u0627', // إ alef with hamza below
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  '\u0649': '\u064a', // ى alef maqsura → ي yeh
  '\u06cc': '\u064a', // ی Farsi yeh
  '\u0629': '\u0647', // ة teh marbuta → ه heh
};
const ARABIC_VARIANTS = /[\u0622\u0623\u0625\u0671-\u0673\u0649\u06cc\u0629]/g;
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
const HAS_ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;

/** Characters whose marks may be dropped: Latin (with its extensions) and Greek. */
const FOLDABLE = /[\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff]/;
const COMBINING = /[\u0300-\u036f]/g;
const LIGATURES: Readonly<Record<string, string>> = { ß: 'ss', œ: 'oe', æ: 'ae', ĳ: 'ij' };
const HAS_LIGATURE = /[ßœæĳ]/;
/** Invisible characters a word may carry (soft hyphen, zero-width joiners, bidi marks): never part of the term. */
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u2060\ufeff]/g;

/** Arabic search normalisation of one word (marks, tatweel, letter variants, digits). */
export function normalizeArabic(word: string): string {
  return word
    .replace(ARABIC_MARKS, '')
    .replace(ARABIC_VARIANTS, (c) => ARABIC_LETTERS[c] ?? c)
    .replace(ARABIC_DIGITS, (c) => String((c.charCodeAt(0) & 0xf) % 10));
}

function foldLetters(word: string, keep: ReadonlySet<string> | undefined): string {
  let out = '';
  for (const char of word) {
    if (keep?.has(char)) out += char;
    else if (FOLDABLE.test(char)) out += char.normalize('NFD').replace(COMBINING, '');
    else if (char === 'ё') out += 'е';
    else out += char;
  }
  return out;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

function foldUncached(word: string, lang: Lang): string {
  if (isAscii(word)) return word.toLowerCase();
  let folded = word.replace(INVISIBLE, '').normalize('NFKC').toLowerCase();
  if (HAS_LIGATURE.test(folded)) folded = folded.replace(/[ßœæĳ]/g, (c) => LIGATURES[c] ?? c);
  if (HAS_ARABIC.test(folded)) folded = normalizeArabic(folded);
  folded = foldLetters(folded, KEEP[lang]);
  // Marks left over (on a base with no precomposed form) go too, but only the generic combining block.
  return folded.replace(COMBINING, '');
}

const CACHE_LIMIT = 50_000;
const caches = new Map<Lang, Map<string, string>>();

/**
 * The folded form of one word as a search term in `lang`'s rules. Cached per
 * language: a corpus repeats its words, and `normalize` is slow.
 */
export function foldWord(word: string, lang: Lang): string {
  let cache = caches.get(lang);
  if (!cache) caches.set(lang, (cache = new Map()));
  let folded = cache.get(word);
  if (folded === undefined) {
    folded = foldUncached(word, lang);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, folded);
  }
  return folded;
}
