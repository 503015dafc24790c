/** Merge rules for concurrent edits: pure, clock-free, the same on every device. */
export {
  mergeAnnotation,
  sameUserFields,
  type MergeableNote,
  type MergedAnnotation,
  type MergeOutcome,
} from './merge-annotation.js';
export { mergeScalar, sameJson } from './merge-scalar.js';
export { mergeTags } from './merge-tags.js';
export { mergeText, type TextConflict, type TextMerge } from './merge-text.js';
export { mergeTokens } from './merge-tokens.js';
export { tokenizeText } from './tokenize-text.js';
