import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { Citation } from '../../renderer/features/synthesis/citation-mark.js';
import { SYNTHESIS_FIELD, type SynthesisDoc } from '../../shared/synthesis/document.js';

/**
 * Synthesis documents in Yjs exactly as the app's editor writes them (y-tiptap
 * with the editor's schema: StarterKit and the citation mark), for tests that
 * need what a rapporteur's device would push.
 */
export const editorSchema = getSchema([StarterKit, Citation]);

export function yDocOf(doc: SynthesisDoc): Y.Doc {
  const ydoc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema, doc, ydoc.getXmlFragment(SYNTHESIS_FIELD));
  return ydoc;
}

/** What the editor itself reads back from a Yjs document (the reference for our own reader). */
export function editorJson(ydoc: Y.Doc): unknown {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(SYNTHESIS_FIELD), editorSchema).toJSON();
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
