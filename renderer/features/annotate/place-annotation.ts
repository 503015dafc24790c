import { anchor, type AnchorResult } from '../../../shared/anchoring/index.js';
import type { AnnotationTarget } from '../../../shared/model/annotations.js';
import type { TextVersion } from '../../../shared/model/entities.js';

/**
 * A quote found again word for word with its context on both sides only moved
 * because text was added or removed before it: that is not a fuzzy match, and
 * asking the author to confirm every note below an edit would teach them to
 * click without looking. Anything less than that still asks.
 */
function exactlyRelocated(target: AnnotationTarget, text: string, start: number, end: number): boolean {
  const { exact, prefix, suffix } = target.quote;
  return (
    text.slice(start, end) === exact &&
    text.slice(Math.max(0, start - prefix.length), start) === prefix &&
    text.slice(end, end + suffix.length) === suffix
  );
}

/**
 * Where a note stands, and on what: `onOriginal` says the annotated version is
 * the original, so a change of its text is an edit of the original, not a new
 * translation.
 */
export type Placement = AnchorResult & { onOriginal: boolean };

/** Where a note stands in the current text of its version (an orphan when that version is gone). */
export function placeAnnotation(target: AnnotationTarget, version: TextVersion | undefined): Placement {
  if (!version) return { status: 'orphan', retranslated: true, onOriginal: false };
  const onOriginal = version.origin === 'original';
  const result = anchor(target, { text: version.text, sourceVersion: version.sourceVersion });
  if (result.status === 'moved' && exactlyRelocated(target, version.text, result.start, result.end)) {
    return { status: 'anchored', start: result.start, end: result.end, retranslated: result.retranslated, onOriginal };
  }
  return { ...result, onOriginal };
}
