import type { Lang } from '../languages.js';
import { hasStemmer, stemOf } from './stem.js';
import { isStopword } from './stopwords.js';
import { isInfixSearchable, isUnspacedScript, termsOf } from './tokenize.js';

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

/**
 * The clauses as compared in `lang`: folded and segmented as that language's
 * texts are, stemmed where it has a stemmer. Korean words always match as
 * prefixes, since particles are written onto the noun (국가 finds 국가들은).
 * A clause that is no word in this language (punctuation only) is dropped.
 */
export function planQuery(clauses: readonly QueryClause[], lang: Lang, stemming = hasStemmer(lang)): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const clause of clauses) {
    const words = termsOf(clause.text, lang);
    if (words.length === 0) continue;
    parts.push({
      phrase: clause.phrase,
      patterns: words.map((word, index) => {
        const last = index === words.length - 1;
        const typing = clause.prefix && last && prefixIsUseful(word);
        const prefix = typing || (!clause.phrase && HANGUL.test(word));
        return {
          word,
          stem: stemming && !clause.phrase ? stemOf(word, lang) : null,
          prefix,
          indexed: prefix || !isStopword(word, lang),
        };
      }),
    });
  }
  return parts;
}

/** Whether a text's (folded) word matches a query word. */
export function matchesPattern(word: string, pattern: WordPattern, lang: Lang): boolean {
  if (word === pattern.word) return true;
  if (pattern.prefix && word.startsWith(pattern.word)) return true;
  // Korean words match inside compounds too (the index keeps their syllable pairs).
  if (pattern.prefix && isInfixSearchable(pattern.word) && word.includes(pattern.word)) return true;
  return pattern.stem !== null && stemOf(word, lang) === pattern.stem;
}
