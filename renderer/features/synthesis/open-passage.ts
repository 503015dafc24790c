import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { PassageLocation } from '../../app/routes.js';

/**
 * The editor positions of a passage given as text block and offsets, the
 * blocks counted as blockTexts / paragraphTexts count them (a block with
 * text, or an empty paragraph; a hard break is one character), so a quote's
 * anchor opens at its words. Offsets past the block's end are clamped.
 */
export function passageRange(doc: PmNode, passage: PassageLocation): { from: number; to: number } | null {
  let index = -1;
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    let hasText = false;
    node.forEach((child) => {
      if (child.isText) hasText = true;
    });
    if (!hasText && !(node.childCount === 0 && node.type.name === 'paragraph')) return false;
    index += 1;
    if (index !== passage.block) return false;
    const at = (offset: number) => {
      let chars = 0;
      let position = pos + 1;
      for (let i = 0; i < node.childCount; i += 1) {
        const child = node.child(i);
        const length = child.isText ? child.text!.length : child.type.name === 'hardBreak' ? 1 : 0;
        if (offset <= chars + length && (child.isText || length > 0)) return position + Math.max(0, offset - chars);
        chars += length;
        position += child.nodeSize;
      }
      return position;
    };
    found = { from: at(passage.start), to: at(Math.max(passage.start, passage.end)) };
    return false;
  });
  return found;
}

const openedKey = new PluginKey<DecorationSet>('openedPassage');

/**
 * Marks the passage opened from a quote of it: a decoration (class
 * `opened-passage`), kept by the editor through its redraws and the CRDT's
 * updates (mapped with them), and not part of the document.
 */
export const OpenedPassage = Extension.create({
  name: 'openedPassage',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: openedKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const range = tr.getMeta(openedKey) as { from: number; to: number } | undefined;
            if (range)
              return DecorationSet.create(tr.doc, [
                Decoration.inline(range.from, range.to, { class: 'opened-passage', 'data-testid': 'opened-passage' }),
              ]);
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => openedKey.getState(state),
        },
      }),
    ];
  },
});

/** Marks the passage and brings it into view (a quote's link opened here); the caret goes there too. */
export function openPassage(editor: Editor, passage: PassageLocation): boolean {
  const range = passageRange(editor.state.doc, passage);
  if (!range) return false;
  editor.view.dispatch(
    editor.state.tr
      .setMeta(openedKey, range)
      .setSelection(TextSelection.create(editor.state.doc, range.from, range.to))
      .scrollIntoView(),
  );
  return true;
}
