import type { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { replaceContent, RESTORE_ORIGIN } from './restore-version.js';

/**
 * A restore from the editor: its undo manager tracks only the editor's own
 * transactions, so it is told to track restores too, and the restore is kept
 * as one step of its own (not merged with typing just before or after):
 * Undo then reverts exactly the restore.
 */
export function restoreUndoably(editor: Editor | null, doc: Y.Doc, past: Y.Doc): void {
  const undoManager = editor ? yUndoPluginKey.getState(editor.state)?.undoManager : undefined;
  undoManager?.addTrackedOrigin(RESTORE_ORIGIN);
  undoManager?.stopCapturing();
  replaceContent(doc, past);
  undoManager?.stopCapturing();
}
