import { mergeTokens } from './merge-tokens.js';
import { tokenizeText } from './tokenize-text.js';

/** The three texts of a note edited on both sides where the edits overlap: the user picks or writes the result. */
export interface TextConflict {
  base: string;
  local: string;
  server: string;
}

export type TextMerge = { status: 'merged'; text: string } | ({ status: 'conflict' } & TextConflict);

/**
 * Three-way merge of a note, word by word (tokenizeText, mergeTokens). Edits
 * of different words merge, even side by side; edits of the same word, or two
 * insertions at the same place, are a conflict that returns the three texts
 * untouched: the merge never picks a side. The same edit made on both sides is
 * no conflict. Symmetric: swapping local and server gives the same text, or the
 * same conflict with the sides swapped.
 */
export function mergeText(base: string, local: string, server: string): TextMerge {
  if (local === server || server === base) return { status: 'merged', text: local };
  if (local === base) return { status: 'merged', text: server };
  const merged = mergeTokens(tokenizeText(base), tokenizeText(local), tokenizeText(server));
  return merged ? { status: 'merged', text: merged.join('') } : { status: 'conflict', base, local, server };
}
