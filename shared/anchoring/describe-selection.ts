import type { AnnotationTarget, TextPositionSelector, TextQuoteSelector } from '../model/annotations.js';
import { LIMITS } from '../protocol/schemas.js';
import { cachedHash } from './text-cache.js';
import { characterEnd, characterStart, contextAfter, contextBefore, trimRange } from './text-boundaries.js';

export type SelectionErrorCode = 'out-of-range' | 'empty' | 'whitespace-only' | 'too-long';

/** A selection that cannot become an annotation; `code` is what the UI turns into a message in the user's language. */
export class SelectionError extends Error {
  override readonly name = 'SelectionError';
  constructor(
    readonly code: SelectionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SelectionDescription {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** A language version as anchoring sees it; `textHash` may be passed when already known, to skip hashing. */
export interface TextVersionSnapshot {
  text: string;
  sourceVersion: number;
  textHash?: string;
}

/**
 * The selectors for text[start, end): the selection is widened to whole
 * characters (never half a surrogate pair or a letter without its combining
 * marks), then stripped of surrounding whitespace, and the quote keeps
 * `LIMITS.quoteContext` characters of context on each side.
 *
 * @throws SelectionError when the offsets are not a range of `text`, or the
 *   selection is empty, only whitespace, or longer than `LIMITS.quoteLength`.
 */
export function describeSelection(text: string, start: number, end: number): SelectionDescription {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    throw new SelectionError(
      'out-of-range',
      `selection [${start}, ${end}) is not a range of a text of ${text.length} characters`,
    );
  }
  if (start === end) throw new SelectionError('empty', 'the selection is empty');
  const range = trimRange(text, characterStart(text, start), characterEnd(text, end));
  if (range.start === range.end) throw new SelectionError('whitespace-only', 'the selection holds only whitespace');
  const length = range.end - range.start;
  if (length > LIMITS.quoteLength) {
    throw new SelectionError(
      'too-long',
      `the selection is ${length} characters long; a highlight holds at most ${LIMITS.quoteLength}`,
    );
  }
  return {
    quote: {
      exact: text.slice(range.start, range.end),
      prefix: contextBefore(text, range.start, LIMITS.quoteContext),
      suffix: contextAfter(text, range.end, LIMITS.quoteContext),
    },
    position: range,
  };
}

/** The target of a new annotation on a selection of one language version (see `describeSelection` for what is thrown). */
export function targetSelection(
  ref: Pick<AnnotationTarget, 'contributionId' | 'language'>,
  version: TextVersionSnapshot,
  start: number,
  end: number,
): AnnotationTarget {
  return {
    contributionId: ref.contributionId,
    language: ref.language,
    sourceVersion: version.sourceVersion,
    textHash: version.textHash ?? cachedHash(version.text),
    ...describeSelection(version.text, start, end),
  };
}
