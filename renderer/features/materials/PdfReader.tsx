import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './pdf-text-layer.css';
import { SelectionError } from '../../../shared/anchoring/index.js';
import { pickLocalized } from '../../../shared/languages.js';
import {
  anchorPdfNote,
  describePdfSelection,
  pdfText,
  type PdfAnchor,
} from '../../../shared/materials/pdf-anchoring.js';
import type { PdfPassageTarget } from '../../../shared/model/material-note.js';
import { useApp } from '../../app/AppContext.js';
import { classifyStorageError, type StorageProblem } from '../../app/storage-errors.js';
import { useUiLang } from '../../app/Localized.js';
import { exportMaterialNotes } from './export-material-notes.js';
import type { AnnotationBody } from '../../db/annotations.js';
import type { MaterialNoteRow, MaterialRow } from '../../db/database.js';
import { errorMessage } from '../../i18n/errors.js';
import { readMaterialFile } from '../../materials/download-material.js';
import { saveMaterialText } from '../../materials/material-text.js';
import { getDocument, TextLayer } from '../../materials/pdfjs.js';
import { MaterialNotesPanel, type ListedNote, type NoteEditing } from './MaterialNotesPanel.js';
import { layerText, rangeInLayer, selectionInPages, type PageSelection } from './pdf-selection.js';
import { useMaterialNotes } from './use-material-notes.js';

/** The CSS Custom Highlight the notes' passages are painted with (no change to pdf.js's spans). */
const HIGHLIGHT = 'material-note';

/**
 * A downloaded PDF material read on the device: each page drawn on a canvas
 * with pdf.js's text layer over it (selectable, findable text), and the notes
 * on it beside the pages: select a passage, "Note this passage", and it is
 * highlighted there, found again by its quote each time the file is opened.
 * Read from the stored chunks, never from the network.
 */
export function PdfReader({ material, page: openAt }: { material: MaterialRow; page?: number | undefined }) {
  const { t } = useTranslation();
  const { bridge, db } = useApp();
  const lang = useUiLang();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [texts, setTexts] = useState<string[] | null>(null);
  const [selection, setSelection] = useState<PageSelection | null>(null);
  const [editing, setEditing] = useState<(NoteEditing & { target?: PdfPassageTarget }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The text could not be stored for search (the pages are shown all the same). */
  const [notStored, setNotStored] = useState<StorageProblem | null>(null);
  const { notes, tags, me, create, update, remove, propose } = useMaterialNotes(material.id);

  // The file is drawn again only when it is another file: the row's object changes at every write to the table.
  const file = useRef(material);
  useLayoutEffect(() => {
    file.current = material;
  });
  const { id: materialId, sha256 } = material;
  useEffect(() => {
    const material = file.current;
    let cancelled = false;
    const container = pages.current!;
    void (async () => {
      const file = await readMaterialFile(bridge, material, material.mediaType);
      const pdf = await getDocument({ data: new Uint8Array(await file.arrayBuffer()) }).promise;
      const pageTexts: string[] = [];
      // Pages as wide as the view (pdf.js's "page width"), so a page is never cut at the side of a narrow pane.
      const style = getComputedStyle(container);
      const room = container.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
      for (let number = 1; number <= pdf.numPages && !cancelled; number += 1) {
        const page = await pdf.getPage(number);
        const natural = page.getViewport({ scale: 1 }).width;
        const scale = room > 0 ? Math.min(1.5, Math.max(0.5, room / natural)) : 1.25;
        const viewport = page.getViewport({ scale });
        const wrapper = document.createElement('div');
        wrapper.className = 'pdf-page';
        wrapper.dataset.page = String(number);
        wrapper.style.setProperty('--scale-factor', String(viewport.scale));
        wrapper.style.inlineSize = `${viewport.width}px`;
        wrapper.style.blockSize = `${viewport.height}px`;
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        const text = document.createElement('div');
        text.className = 'textLayer';
        wrapper.append(canvas, text);
        container.append(wrapper);
        await page.render({ canvas, viewport }).promise;
        await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
        // The layer's own text (line breaks as "\n") is what offsets count in: a selection's, a note's, the search's.
        pageTexts.push(layerText(text));
        if (number === 1 && !cancelled) setState('ready');
        if (number === openAt && !cancelled) wrapper.scrollIntoView({ block: 'start' });
      }
      if (cancelled) return;
      setTexts(pageTexts);
      // Kept for search. The pages are drawn and notes work without it: a full disk must not hide the file.
      try {
        await saveMaterialText(db, material, pageTexts);
      } catch (error) {
        console.warn('[pdf] its text was not stored for search', error);
        if (!cancelled) setNotStored(classifyStorageError(error) ?? 'storage-failed');
      }
    })().catch((error: unknown) => {
      console.warn('[pdf] the file could not be drawn', error);
      if (!cancelled) setState('failed');
    });
    return () => {
      cancelled = true;
      container.replaceChildren();
    };
  }, [bridge, db, materialId, sha256, openAt]);

  const text = useMemo(() => (texts ? pdfText(texts) : null), [texts]);
  const placed = useMemo(() => {
    const anchors = new Map<string, PdfAnchor>();
    if (text && notes)
      for (const row of notes) if (row.target.kind === 'pdf') anchors.set(row.id, anchorPdfNote(row.target, text));
    return anchors;
  }, [text, notes]);

  // Paint every found passage; the spans pdf.js made stay as they are.
  useEffect(() => {
    const container = pages.current;
    if (!container || typeof Highlight === 'undefined' || !CSS.highlights) return;
    const ranges: Range[] = [];
    for (const anchor of placed.values()) {
      if (anchor.status === 'orphan') continue;
      const layer = container.querySelector(`.pdf-page[data-page="${anchor.page}"] .textLayer`);
      const range = layer && rangeInLayer(layer, anchor.start, anchor.end);
      if (range) ranges.push(range);
    }
    CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
    return () => void CSS.highlights.delete(HIGHLIGHT);
  }, [placed]);

  const listed: ListedNote[] = (notes ?? []).flatMap((row) => {
    if (row.target.kind !== 'pdf') return [];
    const anchor = placed.get(row.id);
    const page = anchor && anchor.status !== 'orphan' ? anchor.page : row.target.page;
    return [
      {
        row,
        where: t('materials.notes.page', { page }),
        quote: row.target.quote.exact,
        state: anchor?.status === 'orphan' ? 'orphan' : anchor?.status === 'moved' ? 'moved' : 'anchored',
      },
    ];
  });

  const startNote = () => {
    if (!text || !selection) return;
    try {
      const target = describePdfSelection(material, text, selection.page, selection.start, selection.end);
      setProblem(null);
      setEditing({ mode: 'new', quote: target.quote.exact, target });
    } catch (error) {
      setProblem(
        error instanceof SelectionError
          ? t(`annotate.selectionError.${error.code}`)
          : t('annotate.selectionError.out-of-range'),
      );
    }
  };

  const save = async (body: AnnotationBody) => {
    if (!editing) return;
    const saved = editing.mode === 'new' ? await create(editing.target!, body) : await update(editing.row.id, body);
    if (!saved) return;
    if (editing.mode === 'new') {
      document.getSelection()?.removeAllRanges();
      setSelection(null);
    }
    setEditing(null);
  };

  const show = (row: MaterialNoteRow) => {
    const anchor = placed.get(row.id);
    const page = anchor && anchor.status !== 'orphan' ? anchor.page : row.target.kind === 'pdf' ? row.target.page : 1;
    pages.current?.querySelector(`.pdf-page[data-page="${page}"]`)?.scrollIntoView({ block: 'start' });
  };

  const noteSelection = () => setSelection(pages.current ? selectionInPages(pages.current) : null);

  return (
    <div className="pdf-reader" data-testid="pdf-reader" data-state={state} data-text={texts ? 'ready' : 'loading'}>
      <div className="pdf-view">
        <div className="pdf-toolbar" role="toolbar" aria-label={t('materials.notes.toolbar')}>
          <button
            type="button"
            data-testid="note-pdf-passage"
            disabled={!selection || !text || !me || !!editing}
            onClick={startNote}
          >
            {t('materials.notes.notePassage')}
          </button>
          <span className="meta">{t('materials.notes.hint')}</span>
        </div>
        {problem ? <p role="alert">{problem}</p> : null}
        {notStored ? <p role="alert">{errorMessage(t, notStored)}</p> : null}
        {state === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
        {state === 'failed' ? <p role="alert">{t('materials.readFailed')}</p> : null}
        <div
          ref={pages}
          className="pdf-pages"
          dir="ltr"
          // A scrolling region is reached and scrolled with the keyboard too (WCAG 2.1.1), named by its document.
          tabIndex={0}
          role="region"
          aria-label={pickLocalized(material.title, lang)?.text ?? material.id}
          onMouseUp={noteSelection}
          onKeyUp={noteSelection}
          onFocus={noteSelection}
        />
      </div>
      <MaterialNotesPanel
        items={listed}
        tags={tags}
        me={me}
        editing={editing}
        quoteLang={undefined}
        onShow={show}
        onEdit={(row) => setEditing({ mode: 'edit', row })}
        onDelete={(row) => {
          void remove(row.id);
          setEditing(null);
        }}
        onSave={(body) => void save(body)}
        onCancel={() => setEditing(null)}
        onProposeTag={propose}
        onExport={() => void exportMaterialNotes(db, bridge, material, lang)}
      />
    </div>
  );
}
