import type { TextPositionSelector } from '../model/annotations.js';

/**
 * The app stores text offsets as JavaScript does, in UTF-16 code units. The
 * W3C Web Annotation model ("in terms of unicode code points ... not in terms
 * of code units") and REFI-QDA count code points, so an emoji or an astral CJK
 * character (U+20000 and up) counts 2 here and 1 there. These convert both ways.
 */

/** Code points in `text` before UTF-16 offset `offset`. */
export function utf16ToCodePointOffset(text: string, offset: number): number {
  let count = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: skip the low half.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < offset && isLowSurrogate(text.charCodeAt(i + 1))) i += 1;
    count += 1;
  }
  return count;
}

/** UTF-16 offset of code point number `offset` in `text` (clamped to the text's end). */
export function codePointToUtf16Offset(text: string, offset: number): number {
  let i = 0;
  for (let seen = 0; seen < offset && i < text.length; seen += 1) {
    const unit = text.charCodeAt(i);
    i += unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

export function utf16RangeToCodePoints(text: string, range: TextPositionSelector): TextPositionSelector {
  return { start: utf16ToCodePointOffset(text, range.start), end: utf16ToCodePointOffset(text, range.end) };
}

export function codePointRangeToUtf16(text: string, range: TextPositionSelector): TextPositionSelector {
  return { start: codePointToUtf16Offset(text, range.start), end: codePointToUtf16Offset(text, range.end) };
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
