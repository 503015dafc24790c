/**
 * What the Markdown writer and reader of a synthesis agree on: the comment
 * that ends the body, the one that carries a citation, the order marks are
 * stored in, and CommonMark's character classes for emphasis ("left-flanking"
 * and "right-flanking" delimiter runs, spec 0.31 §6.2).
 */

/** Everything after the last line equal to this is generated: the list of cited contributions and the notes. */
export const END_OF_BODY = '<!-- seminar-desk: end of synthesis -->';

/** `[^3]: human text <!-- cite {"attrs":{...},"runs":[12]} -->` */
export const CITE_COMMENT_PREFIX = '<!-- cite ';
export const CITE_COMMENT_SUFFIX = ' -->';

/**
 * The order ProseMirror keeps a text node's marks in: the schema's, which
 * TipTap builds from StarterKit (link has a higher priority, so it comes first)
 * followed by our citation mark.
 */
export const MARK_ORDER = [
  'link',
  'bold',
  'code',
  'italic',
  'strike',
  'underline',
  'citation',
  'synthesisQuote',
  'materialQuote',
] as const;

export function markRank(type: string): number {
  const rank = (MARK_ORDER as readonly string[]).indexOf(type);
  return rank < 0 ? MARK_ORDER.length : rank;
}

const WHITESPACE = /^[\p{Zs}\t\n\f\r]$/u;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/** Punctuation in every CommonMark version and in GFM (0.29): ASCII punctuation and Unicode P*. */
const PUNCTUATION_STRICT = /^[!-/:-@[-`{-~\p{P}]$/u;
/** CommonMark 0.31 also counts symbols (S*: currency, emoji...) as punctuation. */
const PUNCTUATION_LOOSE = /^[!-/:-@[-`{-~\p{P}\p{S}]$/u;

export const isWhitespace = (char: string): boolean => WHITESPACE.test(char);
export const isAsciiPunctuation = (char: string): boolean => ASCII_PUNCTUATION.test(char);
export const isPunctuationStrict = (char: string): boolean => PUNCTUATION_STRICT.test(char);
export const isPunctuation = (char: string): boolean => PUNCTUATION_LOOSE.test(char);

/** The code point ending just before UTF-16 offset `end` (a surrogate pair is one character). */
export function charBefore(text: string, end: number): string {
  if (end <= 0) return '';
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(end - 2, end);
  }
  return text.slice(end - 1, end);
}

/** The code point starting at UTF-16 offset `start`. */
export function charAt(text: string, start: number): string {
  const point = text.codePointAt(start);
  return point === undefined ? '' : String.fromCodePoint(point);
}

/** HTML comments may not contain "--" (HTML, and CommonMark before 0.31): JSON escapes the second dash. */
export function jsonForComment(value: unknown): string {
  return JSON.stringify(value).replace(/-(?=-)/g, '\\u002d');
}
