import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { rescuedWords, type RescuedWords as Rescued } from './rescued-words.js';
import './synthesis-history.css';

/**
 * Words someone typed into a paragraph that was deleted meanwhile (by a
 * restore or an offline delete): kept in the synthesis, shown under the
 * editor until a rapporteur puts them back or sets them aside.
 */
export function RescuedWords({ doc, editor, writer }: { doc: Y.Doc; editor: Editor | null; writer: boolean }) {
  const { t } = useTranslation();
  const map = rescuedWords(doc);
  const [entries, setEntries] = useState<[string, Rescued][]>(() => [...map.entries()]);
  useEffect(() => {
    const read = () => setEntries([...map.entries()]);
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [map]);
  if (entries.length === 0) return null;
  const putBack = (key: string, text: string) => {
    editor
      ?.chain()
      .focus()
      .insertContent({ type: 'paragraph', content: [{ type: 'text', text }] })
      .run();
    map.delete(key);
  };
  return (
    <section className="rescued-words" aria-labelledby="rescued-words-title" data-testid="rescued-words">
      <h3 id="rescued-words-title">{t('synthesis.rescuedTitle')}</h3>
      <p className="meta">{t('synthesis.rescuedExplained')}</p>
      <ul>
        {entries.map(([key, entry]) => (
          <li key={key}>
            <q dir="auto">{entry.text}</q>{' '}
            {writer ? (
              <>
                <button type="button" className="link-button" onClick={() => putBack(key, entry.text)}>
                  {t('synthesis.rescuedPutBack')}
                </button>{' '}
                <button type="button" className="link-button" onClick={() => map.delete(key)}>
                  {t('synthesis.rescuedDismiss')}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
