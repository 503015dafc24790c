import type { Lang } from '../languages.js';
import { hasStemmer, isCompoundHead, stemCandidates, stemOf, stemsMatch } from './stem.js';
import { isStopword } from './stopwords.js';
import { bigramsOf, isInfixSearchable, isUnspacedScript, tokenize, type Token } from './tokenize.js';

/**
 * What the user typed, as clauses: words, and "quoted phrases" whose words
 * must follow each other. The last word is still being typed unless the query
 * ends with a space (or a closing quote), so it matches as a prefix.
 */
export interface QueryClause {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

/** Opening quotation marks and the marks that may close them, in the scripts of the ten languages. */
const QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  '“': '”“',
  '”': '”',
  '„': '“”',
  '«': '»',
  '»': '«',
  '「': '」',
  '『': '』',
  '＂': '＂',
};

/** Beyond this, further clauses are ignored: nobody types them, and each costs a pass over the index. */
export const MAX_CLAUSES = 8;

export function parseQuery(input: string): QueryClause[] {
  const clauses: QueryClause[] = [];
  let i = 0;
  let word = '';
  const endWord = (prefix: boolean) => {
    if (word.trim()) clauses.push({ text: word, phrase: false, prefix });
    word = '';
  };
  while (i < input.length) {
    const char = input[i]!;
    const closers = QUOTES[char];
    if (closers !== undefined) {
      endWord(false);
      let end = i + 1;
      while (end < input.length && !closers.includes(input[end]!)) end += 1;
      const text = input.slice(i + 1, end);
      const closed = end < input.length;
      if (text.trim()) clauses.push({ text, phrase: true, prefix: !closed && !/\s$/.test(text) });
      i = end + 1;
    } else if (/\s/.test(char)) {
      endWord(false);
      i += 1;
    } else {
      word += char;
      i += 1;
    }
  }
  endWord(true);
  return clauses.slice(0, MAX_CLAUSES);
}

/** One word of a query, as it is compared with the words of a text in one language. */
export interface WordPattern {
  word: string;
  /** Its stem, when the language has a stemmer and the word is not inside a phrase. */
  stem: string | null;
  /** Words that start with it match too. */
  prefix: boolean;
  /**
   * Whether the index can look it up: a stopword is not indexed (a phrase's
   * stopwords are still checked in the text). A prefix always can: the words
   * it begins are indexed.
   */
  indexed: boolean;
  /** Arabic: every stem the word may stand for (stemCandidates); the text word's stem must be one. */
  stems?: string[];
  /**
   * Looked up as these terms, all required (pairs of characters or
   * syllables), then checked on the text: a run of Chinese or Japanese
   * found anywhere in a run of the text, a Korean word inside a longer one.
   */
  grams?: string[];
  /** A run of a script written without spaces, matched as a substring of the text's runs. */
  run?: boolean;
  /** German: words whose stem ends with this one (compounds whose head it is) match too. */
  head?: boolean;
}

/** A clause as compared in one language: its words in order, and whether they must be adjacent. */
export interface QueryPart {
  patterns: WordPattern[];
  phrase: boolean;
}

const HANGUL = /[\uac00-\ud7af]/;

/** Shorter prefixes would match half the vocabulary of a Latin or Cyrillic text. */
function prefixIsUseful(word: string): boolean {
  return word.length >= 2 || isUnspacedScript(word) || HANGUL.test(word);
}

/** Languages whose clitics are written onto the word: a phrase's words are compared by stem too. */
const STEMMED_PHRASES: ReadonlySet<Lang> = new Set(['ar']);

/** The query's words, with the runs of a script written without spaces joined into one (人人有权 is one run). */
function wordsOf(text: string, lang: Lang): Token[] {
  const words: Token[] = [];
  for (const token of tokenize(text, lang)) {
    const last = words.at(-1);
    if (last && last.end === token.start && isUnspacedScript(last.word) && isUnspacedScript(token.word))
      words[words.length - 1] = { word: last.word + token.word, start: last.start, end: token.end };
    else words.push(token);
  }
  return words;
}

function patternOf(word: string, clause: QueryClause, last: boolean, lang: Lang, stemming: boolean): WordPattern {
  // A run of two characters or more of Chinese or Japanese: a substring, whatever the segmenter makes of it.
  if (isUnspacedScript(word) && Array.from(word).length >= 2)
    return { word, stem: null, prefix: false, indexed: true, grams: bigramsOf(word), run: true };
  const typing = clause.prefix && last && prefixIsUseful(word);
  const hangul = HANGUL.test(word);
  // Korean particles and endings are written onto the word, in phrases too: Korean words always match inside words.
  const prefix = typing || hangul;
  const stemmed = stemming && (!clause.phrase || STEMMED_PHRASES.has(lang));
  const stem = stemmed ? stemOf(word, lang) : null;
  const pattern: WordPattern = { word, stem, prefix, indexed: prefix || !isStopword(word, lang) };
  if (stem !== null && lang === 'ar') pattern.stems = stemCandidates(word, lang);
  if (stem !== null && lang === 'de' && stem.length >= 4) pattern.head = true;
  if (hangul && word.length >= 3 && isInfixSearchable(word)) pattern.grams = bigramsOf(word);
  return pattern;
}

/**
 * The clauses as compared in `lang`: folded and segmented as that language's
 * texts are, stemmed where it has a stemmer. Korean words always match
 * inside words, since particles are written onto the noun (국가 finds
 * 국가들은) and nouns into compounds. A run of Chinese or Japanese matches
 * wherever it is in the text. A clause that is no word in this language
 * (punctuation only) is dropped.
 */
export function planQuery(clauses: readonly QueryClause[], lang: Lang, stemming = hasStemmer(lang)): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const clause of clauses) {
    const words = wordsOf(clause.text, lang).map((token) => token.word);
    if (words.length === 0) continue;
    parts.push({
      phrase: clause.phrase,
      patterns: words.map((word, index) => patternOf(word, clause, index === words.length - 1, lang, stemming)),
    });
  }
  return parts;
}

/** Whether matching a plan needs the text: phrases, and words looked up by their pairs. */
export function needsTextCheck(parts: readonly QueryPart[]): boolean {
  return parts.some((part) => (part.phrase && part.patterns.length > 1) || part.patterns.some((p) => p.grams));
}

/** Whether a text's (folded) word matches a query word. */
export function matchesPattern(word: string, pattern: WordPattern, lang: Lang): boolean {
  if (word === pattern.word) return true;
  if (pattern.prefix && word.startsWith(pattern.word)) return true;
  // Korean words match inside compounds too (the index keeps their syllable pairs).
  if (pattern.prefix && isInfixSearchable(pattern.word) && word.includes(pattern.word)) return true;
  if (pattern.stem === null) return false;
  const stem = stemOf(word, lang);
  if (pattern.stems) return pattern.stems.includes(stem);
  return (
    stemsMatch(stem, pattern.stem, lang) ||
    (pattern.head === true && isCompoundHead(pattern.word, pattern.stem, word, lang))
  );
}
