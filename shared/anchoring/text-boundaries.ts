/**
 * Offsets are UTF-16 code units (what the DOM and `String#slice` use), but a
 * highlight must cover whole characters: half an emoji renders as U+FFFD, and an
 * Arabic letter cut from its vowel mark is a different spelling.
 */

const MARKS = /\p{M}+/uy;
const WHITESPACE = /\s/;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/** Length of the code point that ends at `offset` (0 at the start of the text). */
function codePointLengthBefore(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return offset >= 2 && splitsSurrogatePair(text, offset - 1) ? 2 : 1;
}

function isMarkAt(text: string, offset: number): boolean {
  MARKS.lastIndex = offset;
  return MARKS.test(text);
}

/** Moves a start offset back to the beginning of its character: out of a surrogate pair, then over combining marks to their base. */
export function characterStart(text: string, offset: number): number {
  let start = splitsSurrogatePair(text, offset) ? offset - 1 : offset;
  while (start > 0 && start < text.length && isMarkAt(text, start)) {
    start -= codePointLengthBefore(text, start);
  }
  return start;
}

/** Moves an end offset (exclusive) forward to the end of its character: past a surrogate pair's second half and any combining marks. */
export function characterEnd(text: string, offset: number): number {
  let end = splitsSurrogatePair(text, offset) ? offset + 1 : offset;
  if (end > 0 && end < text.length) {
    MARKS.lastIndex = end;
    if (MARKS.test(text)) end = MARKS.lastIndex;
  }
  return end;
}

/** The range without surrounding whitespace; `start === end` when it held only whitespace. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && WHITESPACE.test(text.charAt(start))) start += 1;
  while (end > start && WHITESPACE.test(text.charAt(end - 1))) end -= 1;
  return { start, end };
}

/** Context taken before an offset, widened by one code unit rather than starting in the middle of a surrogate pair. */
export function contextBefore(text: string, offset: number, length: number): string {
  let from = Math.max(0, offset - length);
  if (splitsSurrogatePair(text, from)) from -= 1;
  return text.slice(from, offset);
}

/** Context taken after an offset, widened by one code unit rather than ending in the middle of a surrogate pair. */
export function contextAfter(text: string, offset: number, length: number): string {
  let to = Math.min(text.length, offset + length);
  if (splitsSurrogatePair(text, to)) to += 1;
  return text.slice(offset, to);
}
