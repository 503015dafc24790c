import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { textDirection, type Lang } from '../../../shared/languages.js';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';
import { Citation } from './citation-mark.js';
import { OpenedPassage } from './open-passage.js';
import { MaterialQuote } from './material-quote-mark.js';
import { SynthesisQuote } from './synthesis-quote-mark.js';
import './synthesis.css';

/**
 * The rich-text editor of a synthesis, bound to its Y.Doc (TipTap's
 * Collaboration extension over y-prosemirror): every edit is a CRDT update,
 * so what two rapporteurs write offline merges. Undo is the CRDT's (it undoes
 * one's own edits, not a colleague's). Links are not followed on click: a
 * citation opens its passage in the app; other links are opened by the user
 * from the link itself.
 */
export function useSynthesisEditor(doc: Y.Doc | null, editable: boolean, language: Lang): Editor | null {
  const { t } = useTranslation();
  const label = t('synthesis.textLabel');
  return useEditor(
    {
      editable,
      extensions: doc
        ? [
            StarterKit.configure({
              undoRedo: false,
              link: { openOnClick: false, autolink: true, protocols: ['https', 'mailto'] },
            }),
            Citation,
            SynthesisQuote,
            MaterialQuote,
            OpenedPassage,
            Collaboration.configure({ document: doc, field: SYNTHESIS_FIELD }),
          ]
        : [StarterKit],
      editorProps: {
        attributes: {
          class: 'synthesis-text',
          lang: language,
          dir: textDirection(language),
          'data-testid': 'synthesis-text',
          // A text field needs a name (WCAG 4.1.2); the editable area has no <label> of its own.
          'aria-label': label,
        },
      },
    },
    [doc, editable, language, label],
  );
}

export { EditorContent };
