import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../../shared/synthesis/document.js';
import { restoreUndoably } from '../../../../renderer/features/synthesis/restore-undoably.js';

/** The editor as the synthesis screen configures it: the CRDT's undo, not ProseMirror's. */
function editorOn(doc: Y.Doc) {
  return new Editor({
    element: document.createElement('div'),
    extensions: [
      StarterKit.configure({ undoRedo: false }),
      Collaboration.configure({ document: doc, field: SYNTHESIS_FIELD }),
    ],
  });
}

describe('undoing a restore', () => {
  it('Undo after a restore brings back the text from before it, and Redo restores again', () => {
    const doc = new Y.Doc({ gc: false });
    const editor = editorOn(doc);
    editor.commands.setContent('<p>Version one.</p>');
    const past = new Y.Doc();
    Y.applyUpdate(past, Y.encodeStateAsUpdate(doc));
    editor.commands.setContent('<p>Version two, much better.</p><p>And more.</p>');
    const before = editor.getHTML();

    restoreUndoably(editor, doc, past);
    expect(editor.getHTML()).toBe('<p>Version one.</p>');
    editor.commands.undo();
    expect(editor.getHTML()).toBe(before);
    editor.commands.redo();
    expect(editor.getHTML()).toBe('<p>Version one.</p>');
    editor.destroy();
  });
});
