import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { textDirection, type Lang } from '../../../shared/languages.js';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';
import { Citation } from './citation-mark.js';
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

export function SynthesisToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const button = (name: string, label: string, run: () => void, active = false) => (
    <button
      type="button"
      key={name}
      aria-pressed={active}
      data-testid={`format-${name}`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="synthesis-toolbar" role="toolbar" aria-label={t('synthesis.formatting')}>
      {button(
        'h2',
        t('synthesis.heading'),
        () => chain().toggleHeading({ level: 2 }).run(),
        editor.isActive('heading', { level: 2 }),
      )}
      {button(
        'h3',
        t('synthesis.subheading'),
        () => chain().toggleHeading({ level: 3 }).run(),
        editor.isActive('heading', { level: 3 }),
      )}
      {button('bold', t('synthesis.bold'), () => chain().toggleBold().run(), editor.isActive('bold'))}
      {button('italic', t('synthesis.italic'), () => chain().toggleItalic().run(), editor.isActive('italic'))}
      {button(
        'bullets',
        t('synthesis.bulletList'),
        () => chain().toggleBulletList().run(),
        editor.isActive('bulletList'),
      )}
      {button(
        'numbers',
        t('synthesis.orderedList'),
        () => chain().toggleOrderedList().run(),
        editor.isActive('orderedList'),
      )}
      {button(
        'quote',
        t('synthesis.blockquote'),
        () => chain().toggleBlockquote().run(),
        editor.isActive('blockquote'),
      )}
      {button('undo', t('synthesis.undo'), () => chain().undo().run())}
      {button('redo', t('synthesis.redo'), () => chain().redo().run())}
    </div>
  );
}

export { EditorContent };
