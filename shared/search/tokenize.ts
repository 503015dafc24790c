import type { Lang } from '../languages.js';
import { foldWord } from './fold.js';
import { indexesStems, STEM_MARK, stemOf } from './stem.js';
import { isStopword } from './stopwords.js';

/**
 * Words of a text, each with its offsets in the ORIGINAL text (UTF-16 units,
 * end exclusive), so that highlights land on what the reader sees, whatever
 * folding did to the word.
 *
 * A text holding a script written without spaces between words (Han, kana,
 * Thai…) goes through `Intl.Segmenter`, which knows their dictionaries; other
 * texts through a regular expression over letters, marks and digits, which
 * gives the segmenter's words for scripts that separate words with spaces
 * (test/shared/search checks it on Latin, Cyrillic, Arabic and Hangul). Either
 * way words are split at apostrophes and hyphens, so French and Italian
 * elisions (l'espace, dell'Unione) find "espace" and "Unione". The whole costs
 * about what the segmenter alone does, folding included (bench/cases/search.ts).
 */

/** Letters, marks, digits, and the invisible joiners that may sit inside a word. */
const WORD_RUN = /[\p{L}\p{M}\p{N}\u00ad\u200c\u200d]+/gu;
const NEEDS_SEGMENTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Longer "words" are data (hashes, URLs run together), not something anyone types. */
const MAX_WORD_LENGTH = 64;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: Lang): Intl.Segmenter {
  let found = segmenters.get(lang);
  if (!found) segmenters.set(lang, (found = new Intl.Segmenter(lang, { granularity: 'word' })));
  return found;
}

export type TokenVisitor = (word: string, start: number, end: number) => void;

/** The folded word a raw piece of text becomes, or '' when it is not a search term. */
export function termOf(raw: string, lang: Lang): string {
  const word = foldWord(raw, lang);
  // Elided articles and possessives ("l'", "d'", "'s") carry no meaning on their own.
  if (word.length === 0 || word.length > MAX_WORD_LENGTH) return '';
  if (word.length === 1 && word >= 'a' && word <= 'z') return '';
  return word;
}

/** The words of a run of letters (or a segment): split again where it holds an apostrophe or a hyphen. */
function visitWords(piece: string, at: number, lang: Lang, visit: TokenVisitor): void {
  WORD_RUN.lastIndex = 0;
  for (let match = WORD_RUN.exec(piece); match; match = WORD_RUN.exec(piece)) {
    const word = termOf(match[0], lang);
    if (word) visit(word, at + match.index, at + match.index + match[0].length);
  }
}

/**
 * Calls `visit` for each search term of `text`, in order, with its original
 * offsets. A text holding a script written without spaces goes whole through
 * the segmenter (one call is much cheaper than one per sentence); the word
 * segments it returns are split again at apostrophes, which it keeps inside
 * words (l'espace).
 */
export function forEachToken(text: string, lang: Lang, visit: TokenVisitor): void {
  if (!NEEDS_SEGMENTER.test(text)) return visitWords(text, 0, lang, visit);
  for (const segment of segmenter(lang).segment(text)) {
    if (segment.isWordLike) visitWords(segment.segment, segment.index, lang, visit);
  }
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

export function tokenize(text: string, lang: Lang): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, lang, (word, start, end) => tokens.push({ word, start, end }));
  return tokens;
}

/** Just the terms, in order. */
export function termsOf(text: string, lang: Lang): string[] {
  const terms: string[] = [];
  forEachToken(text, lang, (word) => terms.push(word));
  return terms;
}

/** A word of Hangul syllables only. */
const HANGUL_WORD = /^[\uac00-\ud7af]+$/;

/** Whether a query word may also be found inside a longer Korean word (see `indexTermsOf`). */
export function isInfixSearchable(word: string): boolean {
  return word.length >= 2 && HANGUL_WORD.test(word);
}

/** The pairs of neighbouring characters of a run (by code point: some Han characters are outside the BMP). */
export function bigramsOf(run: string): string[] {
  const chars = Array.from(run);
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}

/** A stretch of text in a script written without spaces: its words joined, and each code unit's place in the text. */
export interface UnspacedRun {
  text: string;
  starts: number[];
  ends: number[];
}

/**
 * The runs of neighbouring words in scripts written without spaces. The
 * segmenter cuts a run into words by dictionary, and a reader's query may
 * straddle its cuts (人人 in 人|人生|而|自由): search compares runs, not words.
 */
export function unspacedRuns(tokens: readonly Token[]): UnspacedRun[] {
  const runs: UnspacedRun[] = [];
  let current: UnspacedRun | null = null;
  let lastEnd = -1;
  for (const token of tokens) {
    if (!isUnspacedScript(token.word)) {
      current = null;
      continue;
    }
    if (!current || token.start !== lastEnd) runs.push((current = { text: '', starts: [], ends: [] }));
    current.text += token.word;
    // Folding kept the length (Han, kana): each character keeps its place; else the whole word stands for each.
    const exact = token.word.length === token.end - token.start;
    for (let i = 0; i < token.word.length; i++) {
      current.starts.push(exact ? token.start + i : token.start);
      current.ends.push(exact ? token.start + i + 1 : token.end);
    }
    lastEnd = token.end;
  }
  return runs;
}

/**
 * The terms an index keeps: stopwords left out, and beside the words:
 *
 * - Korean writes compound nouns without spaces (연락창구, 사이버안보) and
 *   attaches particles: every syllable pair of a longer word is kept, so a
 *   word of two syllables or more is found wherever it sits in another (its
 *   pairs all there, then checked on the text).
 * - Chinese and Japanese: every pair of neighbouring characters of a run, so
 *   any run of two characters or more in the text is found, wherever the
 *   segmenter cut it.
 * - Arabic: each word's stem too (stem.ts: its prefixes are clitics).
 */
export function indexTermsOf(text: string, lang: Lang): string[] {
  const terms: string[] = [];
  const tokens = tokenize(text, lang);
  const stems = indexesStems(lang);
  for (const { word } of tokens) {
    if (!isStopword(word, lang)) terms.push(word);
    if (word.length >= 3 && HANGUL_WORD.test(word))
      for (let i = 0; i + 2 <= word.length; i++) terms.push(word.slice(i, i + 2));
    if (stems) {
      const stem = stemOf(word, lang);
      if (stem !== word) terms.push(STEM_MARK + stem);
    }
  }
  for (const run of unspacedRuns(tokens)) terms.push(...bigramsOf(run.text));
  return terms;
}

/** Whether a term belongs to a script written without spaces (its neighbours are compared joined). */
export function isUnspacedScript(word: string): boolean {
  return NEEDS_SEGMENTER.test(word);
}
