import { foldText } from './fold-text.js';
import { hashText } from './hash-text.js';
import { memoizeLast } from './memoize-last.js';

/** Hash and folded form of the text last seen: re-anchoring a thousand annotations on one text computes each once. */
export const cachedHash = memoizeLast(hashText);
export const cachedFold = memoizeLast(foldText);
