/**
 * Language versions of a contribution keep the original's paragraphs: the
 * translation engine is given the text paragraph by paragraph, and a blank
 * line separates them. Paragraph i of one version is therefore the
 * translation of paragraph i of another, which lets the reader show "the same
 * passage in the original" next to a highlight.
 */

export interface TextRange {
  start: number;
  /** Exclusive. */
  end: number;
}

const PARAGRAPH_BREAK = /\n\s*\n/g;
const WHITESPACE = /\s/;

/**
 * The paragraphs of a text: runs between blank lines, without their
 * surrounding whitespace. Whitespace-only runs (leading or trailing blank
 * lines) are not paragraphs, so they do not shift the numbering.
 */
export function paragraphRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const add = (from: number, to: number) => {
    while (from < to && WHITESPACE.test(text.charAt(from))) from += 1;
    while (to > from && WHITESPACE.test(text.charAt(to - 1))) to -= 1;
    if (from < to) ranges.push({ start: from, end: to });
  };
  let from = 0;
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    add(from, m.index);
    from = m.index + m[0].length;
  }
  add(from, text.length);
  return ranges;
}

/** The index of the paragraph holding the character at `offset`, or -1 when it is in the blank space between paragraphs or outside the text. */
export function paragraphIndexAt(text: string, offset: number): number {
  return paragraphRanges(text).findIndex((r) => r.start <= offset && offset < r.end);
}

/**
 * The paragraph of `otherText` that corresponds to the one holding `offset` in
 * `sourceText`, or null.
 *
 * Null also when the two versions have different numbers of paragraphs: one
 * merged or split paragraph shifts every later index by an unknown amount, and
 * a wrong "same passage" is worse than none, so no guess is made.
 */
export function correspondingParagraph(sourceText: string, offset: number, otherText: string): TextRange | null {
  const source = paragraphRanges(sourceText);
  const other = paragraphRanges(otherText);
  if (source.length !== other.length) return null;
  const index = source.findIndex((r) => r.start <= offset && offset < r.end);
  return other[index] ?? null;
}
