import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronLeft } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import type { SynthesisDoc } from '../../../shared/synthesis/document.js';
import { useApp } from '../../app/AppContext.js';
import { focusFirstButton } from '../../app/commands.js';
import { Localized } from '../../app/Localized.js';
import { href, type PassageLocation } from '../../app/routes.js';
import { getMe } from '../../db/annotations.js';
import { canWriteSyntheses } from '../../db/syntheses.js';
import { PaneResizer } from '../../ui/PaneResizer.js';
import { setPreferences, usePreferences } from '../../ui/preferences.js';
import { CitationDetails } from './CitationDetails.js';
import { DocumentQuotesPanel } from './DocumentQuotesPanel.js';
import { EarlierSynthesesPanel } from './EarlierSynthesesPanel.js';
import { openPassage } from './open-passage.js';
import { HistoryPanel } from './HistoryPanel.js';
import { insertBlockAfterCursor } from './insert-block.js';
import { QuoteChecks } from './QuoteChecks.js';
import { RescuedWords } from './RescuedWords.js';
import { SummaryGrid } from './SummaryGrid.js';
import { EditorContent, useSynthesisEditor } from './SynthesisEditor.js';
import { SynthesisToolbar } from './SynthesisToolbar.js';
import { useSynthesisDoc } from './use-synthesis-doc.js';
import { useSynthesisExport } from './use-synthesis-export.js';
import { WorkspacePanel } from './WorkspacePanel.js';

type Panel = 'workspace' | 'earlier' | 'grid' | 'quotes' | 'history';
const PANELS: Panel[] = ['workspace', 'earlier', 'grid', 'quotes', 'history'];
/** The side pane's width, remembered with the reader's panes (ui/preferences.ts). */
const SIDE = { name: 'synthesis-side', initial: 400, min: 280, max: 720 };

/**
 * One synthesis, laid out as a desktop editor: the toolbar across the top;
 * the document as a page in the middle, at reading width and in the reading
 * type; beside it a resizable pane with the material to quote, the summary
 * grid, the quotes to check and the history. Rapporteurs and the secretariat
 * write, everyone reads.
 */
export function SynthesisScreen({ id, passage }: { id: SynthesisId; passage?: PassageLocation | undefined }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const prefs = usePreferences();
  const data = useLiveQuery(
    async () => {
      const synthesis = await db.syntheses.get(id);
      const question = synthesis?.questionId ? await db.questions.get(synthesis.questionId) : undefined;
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
  const readDoc = useCallback(
    () => (editor ? (editor.getJSON() as SynthesisDoc) : { type: 'doc' as const, content: [] }),
    [editor],
  );
  const exportAs = useSynthesisExport(data?.synthesis, readDoc);
  // Opened at a passage (a quote of this synthesis, followed from a later one): shown once its text is in,
  // in each editor made for the screen (one is made anew when the user's role becomes known).
  useEffect(() => {
    if (!editor || !passage) return;
    let done = false;
    const attempt = () => {
      if (done || editor.state.doc.textContent.length === 0) return;
      done = openPassage(editor, passage);
    };
    attempt();
    editor.on('transaction', attempt);
    return () => {
      editor.off('transaction', attempt);
    };
  }, [editor, passage]);
  const side = useRef<HTMLDivElement>(null);
  // "Quote": the notes to quote from, with focus on the first passage's insert button.
  const quoteFromNotes = () => {
    setPanel('workspace');
    requestAnimationFrame(() => focusFirstButton(side.current?.querySelector('[data-testid=workspace]') ?? null));
  };

  if (data === null) return <p role="status">{t('app.loading')}</p>;
  const { synthesis, question } = data;
  if (!synthesis) return <p role="alert">{t('synthesis.notFound')}</p>;
  const sideWidth = prefs.panes[SIDE.name] ?? SIDE.initial;
  const insert = editor && writer ? insertBlockAfterCursor.bind(null, editor) : null;
  return (
    <section
      className="synthesis-screen"
      aria-labelledby="synthesis-title"
      data-testid="synthesis"
      style={{ '--pane-synthesis-side': `${sideWidth}px` } as CSSProperties}
    >
      <header className="synthesis-header">
        <a className="synthesis-back" href={href({ name: 'syntheses' })}>
          <ChevronLeft className="icon icon-directional" aria-hidden="true" />
          {t('synthesis.back')}
        </a>
        <h2 id="synthesis-title" dir="auto">
          {synthesis.title}
        </h2>
        {question ? (
          <p className="meta synthesis-question">
            <span className="code">{question.code}</span> <Localized text={question.title} />
          </p>
        ) : null}
      </header>
      <SynthesisToolbar
        editor={editor}
        writer={writer}
        onQuote={quoteFromNotes}
        onExport={(format) => void exportAs(format)}
      >
        <span className="meta" role="status" data-testid="synthesis-saved">
          {!writer ? t('synthesis.readOnly') : saving ? t('synthesis.saving') : t('synthesis.savedLocally')}
        </span>
      </SynthesisToolbar>
      <div className="synthesis-body">
        <div className="synthesis-page-pane">
          <article className="synthesis-page synthesis-editor" aria-labelledby="synthesis-title">
            {editor ? <EditorContent editor={editor} /> : null}
            {editor ? <CitationDetails editor={editor} /> : null}
            {doc ? <RescuedWords doc={doc} editor={editor} writer={writer} /> : null}
          </article>
        </div>
        <PaneResizer
          label={t('ui.panes.resize', { pane: t('synthesis.sidePane') })}
          width={sideWidth}
          min={SIDE.min}
          max={SIDE.max}
          controls="synthesis-side"
          after
          onResize={(width) => setPreferences({ panes: { [SIDE.name]: width } })}
        />
        <aside className="synthesis-side" id="synthesis-side" ref={side} aria-label={t('synthesis.sidePane')}>
          <Tabs selectedKey={panel} onSelectionChange={(key) => setPanel(key as Panel)} className="side-tabs">
            <TabList aria-label={t('synthesis.panels')} className="side-tab-list">
              {PANELS.map((name) => (
                <Tab key={name} id={name} className="side-tab" data-testid={`panel-${name}`}>
                  {name === 'earlier' ? t('events.earlier.panel') : t(`synthesis.panel.${name}`)}
                </Tab>
              ))}
            </TabList>
            <TabPanel id="workspace" className="side-panel">
              {question ? (
                <>
                  <WorkspacePanel questionId={question.id} questionCode={question.code} onInsert={insert} />
                  <DocumentQuotesPanel questionId={question.id} onInsert={insert} />
                </>
              ) : null}
            </TabPanel>
            <TabPanel id="earlier" className="side-panel">
              {question ? <EarlierSynthesesPanel questionId={question.id} onInsert={insert} /> : null}
            </TabPanel>
            <TabPanel id="grid" className="side-panel">
              {question && doc ? (
                <SummaryGrid doc={doc} questionId={question.id} writer={writer} onInsert={insert} />
              ) : null}
            </TabPanel>
            <TabPanel id="quotes" className="side-panel">
              <QuoteChecks doc={json} />
            </TabPanel>
            <TabPanel id="history" className="side-panel">
              {doc ? <HistoryPanel id={id} doc={doc} editor={editor} canRestore={writer} /> : null}
            </TabPanel>
          </Tabs>
        </aside>
      </div>
    </section>
  );
}
