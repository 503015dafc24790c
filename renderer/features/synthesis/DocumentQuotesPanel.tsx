import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { QuestionId } from '../../../shared/model/entities.js';
import type { PdfPassageTarget } from '../../../shared/model/material-note.js';
import { materialQuoteBlock, materialQuoteFor, materialTitleIn } from '../../../shared/synthesis/material-quote.js';
import type { SynthesisNode } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { notesOn } from '../../db/material-notes.js';
import { Name } from '../../app/Name.js';

/**
 * The notes on the question's PDF documents (mine and the shared ones),
 * beside the synthesis: a click inserts the passage as a quote that keeps its
 * provenance (document, page) into the text and every export.
 */
export function DocumentQuotesPanel({
  questionId,
  onInsert,
}: {
  questionId: QuestionId;
  onInsert: ((block: SynthesisNode) => void) | null;
}) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const documents = useLiveQuery(async () => {
    const materials = (await db.materials.where('ownerId').equals(questionId).toArray()).filter(
      (m) => !m.deleted && m.mediaType === 'application/pdf',
    );
    const notes = await Promise.all(materials.map((m) => notesOn(db, m.id)));
    return materials
      .map((material, i) => ({
        material,
        notes: notes[i]!.filter((n): n is typeof n & { target: PdfPassageTarget } => n.target.kind === 'pdf'),
      }))
      .filter((d) => d.notes.length > 0);
  }, [db, questionId]);
  if (!documents?.length) return null;
  return (
    <section
      className="workspace document-quotes"
      aria-labelledby="document-quotes-title"
      data-testid="document-quotes"
    >
      <h3 id="document-quotes-title">{t('materials.inSynthesis.title')}</h3>
      {documents.map(({ material, notes }) => (
        <details key={material.id} open>
          <summary dir="auto">
            {materialTitleIn({ materialTitle: material.title, materialId: material.id }, uiLang)}
          </summary>
          <ul className="workspace-notes">
            {notes.map((note) => (
              <li key={note.id} data-testid="document-note">
                <blockquote dir="auto">{note.target.quote.exact}</blockquote>
                <p className="meta">
                  <a
                    href={href({
                      name: 'question',
                      id: questionId,
                      material: { id: material.id, page: note.target.page },
                    })}
                  >
                    {t('materials.inSynthesis.page', { page: note.target.page })}
                  </a>{' '}
                  · <Name text={note.authorName} />
                </p>
                {note.note ? (
                  <p dir="auto" className="annotation-note">
                    {note.note}
                  </p>
                ) : null}
                {onInsert ? (
                  <button
                    type="button"
                    data-testid="insert-document-quote"
                    onClick={() =>
                      onInsert(
                        materialQuoteBlock(
                          materialQuoteFor(
                            material,
                            note.target,
                            { quoteId: crypto.randomUUID(), noteId: note.id },
                            new Date().toISOString().slice(0, 10),
                          ),
                        ),
                      )
                    }
                  >
                    {t('synthesis.insertQuote')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
