import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { getMe } from '../../db/annotations.js';
import { canWriteSyntheses } from '../../db/syntheses.js';
import { CitationDetails } from './CitationDetails.js';
import { ExportPanel } from './ExportPanel.js';
import { HistoryPanel } from './HistoryPanel.js';
import { insertBlockAfterCursor } from './insert-block.js';
import { QuoteChecks } from './QuoteChecks.js';
import { RescuedWords } from './RescuedWords.js';
import { SummaryGrid } from './SummaryGrid.js';
import { EditorContent, SynthesisToolbar, useSynthesisEditor } from './SynthesisEditor.js';
import { useSynthesisDoc } from './use-synthesis-doc.js';
import { WorkspacePanel } from './WorkspacePanel.js';

type Panel = 'workspace' | 'grid' | 'quotes' | 'export' | 'history';
const PANELS: Panel[] = ['workspace', 'grid', 'quotes', 'export', 'history'];

/**
 * One synthesis: the editor (rapporteurs and the secretariat write, everyone
 * reads), and beside it the material to quote, the summary grid, the quotes
 * to check, the exports and the history.
 */
export function SynthesisScreen({ id }: { id: SynthesisId }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const data = useLiveQuery(
    async () => {
      const synthesis = await db.syntheses.get(id);
      const question = synthesis ? await db.questions.get(synthesis.questionId) : undefined;
      return { synthesis, question, me: await getMe(db) };
    },
    [db, id],
    null,
  );
  const { doc, saving } = useSynthesisDoc(id);
  const writer = canWriteSyntheses(data?.me);
  const editor = useSynthesisEditor(doc, writer, data?.synthesis?.language ?? 'en');
  const [panel, setPanel] = useState<Panel>('workspace');
  const [json, setJson] = useState<SynthesisDoc>({ type: 'doc', content: [] });
  useEffect(() => {
    if (!editor) return;
    const read = () => setJson(editor.getJSON() as SynthesisDoc);
    read();
    editor.on('update', read);
    return () => {
      editor.off('update', read);
    };
  }, [editor]);

  if (data === null) return <p role="status">{t('app.loading')}</p>;
  const { synthesis, question } = data;
  if (!synthesis) return <p role="alert">{t('synthesis.notFound')}</p>;
  return (
    <section className="synthesis" aria-labelledby="synthesis-title" data-testid="synthesis">
      <p>
        <a href={href({ name: 'syntheses' })}>{t('synthesis.back')}</a>
      </p>
      <h2 id="synthesis-title" dir="auto">
        {synthesis.title}
      </h2>
      {question ? (
        <p className="meta">
          <span className="code">{question.code}</span> <Localized text={question.title} />
        </p>
      ) : null}
      <p className="meta" role="status" data-testid="synthesis-saved">
        {!writer ? t('synthesis.readOnly') : saving ? t('synthesis.saving') : t('synthesis.savedLocally')}
      </p>
      <div className="synthesis-layout">
        <div className="synthesis-editor">
          {editor && writer ? <SynthesisToolbar editor={editor} /> : null}
          {editor ? <EditorContent editor={editor} /> : null}
          {editor ? <CitationDetails editor={editor} /> : null}
          {doc ? <RescuedWords doc={doc} editor={editor} writer={writer} /> : null}
        </div>
        <aside className="synthesis-side">
          <div role="tablist" aria-label={t('synthesis.panels')}>
            {PANELS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={panel === name}
                data-testid={`panel-${name}`}
                onClick={() => setPanel(name)}
              >
                {t(`synthesis.panel.${name}`)}
              </button>
            ))}
          </div>
          {panel === 'workspace' && question ? (
            <WorkspacePanel
              questionId={question.id}
              questionCode={question.code}
              onInsert={editor && writer ? (block) => insertBlockAfterCursor(editor, block) : null}
            />
          ) : null}
          {panel === 'grid' && question && doc ? (
            <SummaryGrid
              doc={doc}
              questionId={question.id}
              writer={writer}
              onInsert={editor && writer ? (block) => insertBlockAfterCursor(editor, block) : null}
            />
          ) : null}
          {panel === 'quotes' ? <QuoteChecks doc={json} /> : null}
          {panel === 'export' ? <ExportPanel synthesis={synthesis} doc={json} /> : null}
          {panel === 'history' && doc ? <HistoryPanel id={id} doc={doc} editor={editor} canRestore={writer} /> : null}
        </aside>
      </div>
    </section>
  );
}
