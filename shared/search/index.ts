/** Language-aware text processing for search: folding, words, stems, queries, matches and snippets. No I/O. */
export { foldWord, normalizeArabic } from './fold.js';
export {
  bigramsOf,
  forEachToken,
  indexTermsOf,
  isUnspacedScript,
  termsOf,
  tokenize,
  type Token,
  type TokenVisitor,
} from './tokenize.js';
export { isStopword } from './stopwords.js';
export { compoundTails, hasStemmer, indexesStems, isCompoundHead, STEM_MARK, stemOf, stemsMatch } from './stem.js';
export {
  MAX_CLAUSES,
  matchesPattern,
  needsTextCheck,
  parseQuery,
  planQuery,
  type QueryClause,
  type QueryPart,
  type WordPattern,
} from './query.js';
export {
  buildSnippet,
  findMatches,
  type Snippet,
  type SnippetOptions,
  type TextMatches,
  type TextSpan,
} from './match.js';
