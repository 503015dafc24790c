/** Annotation anchoring: selectors from a selection, and their place in a text that may have changed since. */
export { anchor, retarget, type AnchorOptions, type AnchorResult, type LocatedAnchor } from './anchor.js';
export {
  describeSelection,
  SelectionError,
  targetSelection,
  type SelectionDescription,
  type SelectionErrorCode,
  type TextVersionSnapshot,
} from './describe-selection.js';
export { hashText } from './hash-text.js';
export { MIN_SCORE } from './match-quote.js';
export { correspondingParagraph, paragraphIndexAt, paragraphRanges, type TextRange } from './paragraphs.js';
