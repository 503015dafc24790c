import type { AnnotationTarget } from '../model/annotations.js';
import { targetSelection, type TextVersionSnapshot } from './describe-selection.js';
import { foldString, type FoldedText } from './fold-text.js';
import { matchQuote, MIN_SCORE } from './match-quote.js';
import { cachedFold, cachedHash } from './text-cache.js';
import { characterEnd, characterStart, trimRange } from './text-boundaries.js';

/**
 * Where an annotation's target is in the current text of its language version.
 *
 * - `anchored`: the quote is where it was; nothing to ask anyone.
 * - `moved`: a good match elsewhere (or the same words with changed
 *   surroundings); the UI shows it and its author confirms it, which saves
 *   `retarget(...)`. `score` is 0..1 and at least the minimum score.
 * - `orphan`: nowhere good enough; the UI still lists the note with its quote.
 *
 * `retranslated` is true when the text or its source version changed since the
 * target was made, whatever the status: the UI says the translation was redone.
 */
export type AnchorResult =
  | { status: 'anchored'; start: number; end: number; retranslated: boolean }
  | { status: 'moved'; start: number; end: number; score: number; retranslated: boolean }
  | { status: 'orphan'; retranslated: boolean };

/** A result with a place in the text: what `retarget` accepts. */
export type LocatedAnchor = Exclude<AnchorResult, { status: 'orphan' }>;

export interface AnchorOptions {
  /** Lowest score accepted for a moved anchor; defaults to `MIN_SCORE` (0.8). */
  minScore?: number;
}

export function anchor(
  target: AnnotationTarget,
  current: TextVersionSnapshot,
  options: AnchorOptions = {},
): AnchorResult {
  const { text } = current;
  const sameText = (current.textHash ?? cachedHash(text)) === target.textHash;
  const retranslated = !sameText || current.sourceVersion !== target.sourceVersion;
  const { exact, prefix, suffix } = target.quote;
  const { start, end } = target.position;

  // Fast path, without folding or fuzzy matching: the words are still at their
  // offsets. After an edit, one side of context must also be intact, so a short
  // common quote ("the State") that another text happens to have at the same
  // offset is not taken for the annotated passage.
  if (
    exact.length > 0 &&
    start >= 0 &&
    end === start + exact.length &&
    text.startsWith(exact, start) &&
    (sameText || contextHolds(text, start, end, prefix, suffix))
  ) {
    return { status: 'anchored', start, end, retranslated };
  }

  const folded = cachedFold(text);
  const hint = folded.fromOriginal[Math.min(Math.max(0, start), text.length)] ?? 0;
  const match = matchQuote(
    folded.text,
    foldString(exact),
    { prefix: foldString(prefix), suffix: foldString(suffix), hint },
    options.minScore ?? MIN_SCORE,
  );
  const range = match && toOriginalRange(folded, text, match.start, match.end);
  if (!match || !range) return { status: 'orphan', retranslated };
  return { status: 'moved', ...range, score: match.score, retranslated };
}

/** One side of stored context is still next to the range; an empty side means "at that edge of the text". */
function contextHolds(text: string, start: number, end: number, prefix: string, suffix: string): boolean {
  const prefixHolds =
    prefix === '' ? start === 0 : start >= prefix.length && text.startsWith(prefix, start - prefix.length);
  const suffixHolds = suffix === '' ? end === text.length : text.startsWith(suffix, end);
  return prefixHolds || suffixHolds;
}

/** A folded match back in the original text: whole characters, with the marks folding dropped, without edge whitespace. */
function toOriginalRange(
  folded: FoldedText,
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const from = folded.toOriginal[start];
  const last = folded.toOriginal[end - 1];
  if (from === undefined || last === undefined) return null;
  const range = trimRange(text, characterStart(text, from), characterEnd(text, last + 1));
  return range.start < range.end ? range : null;
}

/**
 * The target that "confirm this highlight" saves: the same contribution and
 * language, the located words of the current text with fresh context, and the
 * current version's source version and hash, so the next anchoring takes the
 * fast path.
 *
 * @throws SelectionError (`too-long`) when a fuzzy match grew past
 *   `LIMITS.quoteLength`; the author then selects the passage again.
 */
export function retarget(
  target: AnnotationTarget,
  current: TextVersionSnapshot,
  located: LocatedAnchor,
): AnnotationTarget {
  return targetSelection(target, current, located.start, located.end);
}
