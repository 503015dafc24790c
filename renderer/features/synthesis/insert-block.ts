import type { Editor } from '@tiptap/core';
import type { SynthesisNode } from '../../../shared/synthesis/document.js';

/**
 * Inserts a quote (or a summary) from the side panels: after the block the
 * cursor is in, never inside it, so a paragraph is not cut in two around the
 * quote; an empty paragraph at the cursor is replaced. After a block quote
 * comes an empty paragraph with the cursor in it, so what the rapporteur types
 * next is their own text, not part of the quote.
 */
export function insertBlockAfterCursor(editor: Editor, block: SynthesisNode): void {
  const { state } = editor;
  const { $from } = state.selection;
  const inserted = [block, ...(block.type === 'paragraph' ? [] : [{ type: 'paragraph' }])];
  const size = inserted.reduce((sum, node) => sum + state.schema.nodeFromJSON(node).nodeSize, 0);
  const top = $from.depth >= 1 ? $from.node(1) : null;
  let from: number;
  let to: number;
  if (top && top.type.name === 'paragraph' && top.content.size === 0) {
    from = $from.before(1);
    to = $from.after(1);
  } else {
    from = to = top ? $from.after(1) : state.doc.content.size;
  }
  editor
    .chain()
    .insertContentAt({ from, to }, inserted)
    // The end of what was inserted: inside the trailing paragraph (or the inserted one).
    .setTextSelection(from + size - 1)
    .focus()
    .run();
}
