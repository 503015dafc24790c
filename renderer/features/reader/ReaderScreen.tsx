import { useLiveQuery } from 'dexie-react-hooks';
import { Columns2, Highlighter, Languages, PenLine, Reply, Star } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/languages.js';
import type { AnnotationId } from '../../../shared/model/annotations.js';
import type { ContributionId, TextVersion } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { href, type MatchLocation } from '../../app/routes.js';
import { formatDate } from '../../i18n/format.js';
import { errorMessage } from '../../i18n/errors.js';
import { LanguageVersionSwitcher } from './LanguageVersionSwitcher.js';
import { TextBlock } from './TextBlock.js';
import { useReaderMarks } from './use-reader-marks.js';
import { AnnotationEditor } from '../annotate/AnnotationEditor.js';
import { NotesPanel } from '../annotate/NotesPanel.js';
import { useAnnotationActions } from '../annotate/use-annotation-actions.js';
import { useContributionAnnotations, type PlacedAnnotation } from '../annotate/use-annotations.js';
import { highlightsOn, notedParagraphsOn } from '../annotate/placement.js';
import type { ShownHighlight } from '../annotate/HighlightedText.js';
import { useStartAnswer, useStartEdit } from '../compose/use-start-draft.js';
import { ThreadContext } from '../threads/ThreadContext.js';
import { readTranslationStatus } from '../../sync/translation-status.js';
import { useThread } from '../threads/use-thread.js';
import { languageName } from '../../i18n/format.js';
import { Name } from '../../app/Name.js';
import { useCommand } from '../../app/commands.js';
import { passageWithCitation } from './passage-citation.js';

const SEARCH_MATCH = 'search-match';

/** The search match as one more highlight of the version it is in (none if the text has since become shorter). */
function searchMatchOn(version: TextVersion, match: MatchLocation | undefined): ShownHighlight[] {
  if (!match || match.lang !== version.language || match.end > version.text.length) return [];
  return [{ id: SEARCH_MATCH, start: match.start, end: match.end, color: '#f0b400', own: false, moved: false }];
}

/**
 * A contribution in the UI language when that version exists, else in its
 * original; the original is always one click away, or beside it.
 */
export function ReaderScreen({
  contributionId,
  focusAnnotation,
  focusMatch,
}: {
  contributionId: ContributionId;
  /** Opened from a note: show the version it was made on, scrolled to its highlight. */
  focusAnnotation?: AnnotationId;
  /** Opened from a search result: show the version that matched, scrolled to the match, marked. */
  focusMatch?: MatchLocation;
}) {
  const { t } = useTranslation();
  const { db, bridge, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const [chosen, setChosen] = useState<Lang | null>(focusMatch?.lang ?? null);
  const [sideBySide, setSideBySide] = useState(false);
  const [focused, setFocused] = useState<AnnotationId | null>(focusAnnotation ?? null);
  const articleRef = useRef<HTMLElement | null>(null);
  const data = useLiveQuery(
    async () => {
      const [row, texts] = await Promise.all([db.contributions.get(contributionId), db.texts.get(contributionId)]);
      const question = row ? await db.questions.get(row.questionId) : undefined;
      const status = readTranslationStatus((await db.meta.get('translation-status'))?.value);
      return { row, texts, question, status };
    },
    [db, contributionId],
    null,
  );
  const marks = useReaderMarks(db, contributionId, reportStorageError);
  const versions = useMemo(() => data?.texts?.versions ?? [], [data]);
  const byLang = useMemo(() => new Map<Lang, TextVersion>(versions.map((v) => [v.language, v])), [versions]);
  const notes = useContributionAnnotations(db, contributionId, versions);
  const actions = useAnnotationActions(contributionId, notes?.me, byLang);
  const startEdit = useStartEdit();
  const startAnswer = useStartAnswer();
  const thread = useThread(db, data?.row ?? undefined);

  // The shell's context menu on selected text: Highlight and Add note open the editor on it.
  const annotateSelection = () => {
    if (actions.selection) actions.startNew(actions.selection.lang, actions.selection.range);
  };
  useCommand('highlight', annotateSelection);
  useCommand('add-note', annotateSelection);
  useCommand('copy-with-citation', () => {
    const row = data?.row;
    if (!row || !actions.selection) return;
    const text = passageWithCitation({
      contribution: row,
      versions,
      lang: actions.selection.lang,
      range: actions.selection.range,
      questionCode: data?.question?.code ?? '',
      uiLang,
      answered: thread?.parent && thread.parent !== 'withdrawn' ? thread.parent.row : null,
    });
    if (text) bridge.writeClipboard(text).catch((error: unknown) => console.warn('[reader] copy failed', error));
  });

  // Opened at a note: show the version it was made on (until the user picks another), scrolled to it.
  const focusLang = notes?.placed.find((item) => item.row.id === focused)?.row.target.language;
  useEffect(() => {
    if (!focused) return;
    const marks = articleRef.current?.querySelectorAll<HTMLElement>('[data-annotation-id]') ?? [];
    const mark = [...marks].find((m) => m.dataset.annotationId?.split(' ').includes(focused));
    if (mark) {
      mark.scrollIntoView?.({ block: 'center' });
      mark.classList.add('highlight-focused');
    }
  });

  // Opened from a search result: scrolled to the match once, when it is drawn.
  const scrolledToMatch = useRef(false);
  useEffect(() => {
    if (!focusMatch || scrolledToMatch.current) return;
    const mark = articleRef.current?.querySelector<HTMLElement>(`[data-annotation-id~="${SEARCH_MATCH}"]`);
    if (!mark) return;
    mark.scrollIntoView?.({ block: 'center' });
    scrolledToMatch.current = true;
  });

  if (data === null) return <p role="status">{t('app.loading')}</p>;
  const { row, question } = data;
  if (!row) return <p role="alert">{t('reader.notFound')}</p>;

  const original = byLang.get(row.language);
  const wanted = chosen ?? focusLang;
  const lang = wanted && byLang.has(wanted) ? wanted : byLang.has(uiLang) ? uiLang : row.language;
  const shown = byLang.get(lang) ?? original;
  const showingOriginal = shown?.language === row.language;
  const placed = notes?.placed ?? [];
  const canAnnotate = notes?.me !== undefined && row.status === 'published';
  const showNote = (item: PlacedAnnotation) => {
    setSideBySide(false);
    setChosen(item.row.target.language);
    setFocused(item.row.id);
  };
  const annotationsFor = (version: TextVersion) => ({
    highlights: [...highlightsOn(placed, version.language, notes?.tags ?? []), ...searchMatchOn(version, focusMatch)],
    notedParagraphs: notedParagraphsOn(placed, version.language, byLang),
    onSelect: canAnnotate
      ? (range: { start: number; end: number } | null) =>
          actions.setSelection(range ? { lang: version.language, range } : null)
      : undefined,
    onConfirmSelection: canAnnotate
      ? () => {
          const selection = window.getSelection();
          if (selection && !selection.isCollapsed && actions.selection) {
            actions.startNew(actions.selection.lang, actions.selection.range);
          }
        }
      : undefined,
    onHighlightClick: (id: string) => {
      const item = placed.find((p) => p.row.id === id);
      if (item?.own) actions.setEditing({ mode: 'edit', item });
      else setFocused(id as AnnotationId);
    },
  });

  return (
    <article className="reader" aria-labelledby="reader-title" data-testid="reader" ref={articleRef}>
      <p>
        <a href={href({ name: 'question', id: row.questionId })}>{t('reader.back')}</a>
      </p>
      {question ? (
        <p className="meta">
          <span className="code">{question.code}</span> <Localized text={question.title} />
        </p>
      ) : null}
      <h2 id="reader-title">
        <Name text={row.author.name} />
      </h2>
      <p className="meta">
        {t(`authorKind.${row.authorKind}`)} · <time dateTime={row.createdAt}>{formatDate(uiLang, row.createdAt)}</time>
      </p>
      <ThreadContext thread={thread} part="parent" />
      <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar')}>
        <button type="button" aria-pressed={marks.starred} data-testid="star-toggle" onClick={marks.toggleStar}>
          <Star className={marks.starred ? 'icon icon-filled' : 'icon'} aria-hidden="true" />
          {marks.starred ? t('reader.unstar') : t('reader.star')}
        </button>
        {!showingOriginal && original ? (
          <button type="button" data-testid="show-original" onClick={() => setChosen(row.language)}>
            <Languages className="icon" aria-hidden="true" />
            {t('reader.showOriginal')}
          </button>
        ) : null}
        {showingOriginal && byLang.has(uiLang) && uiLang !== row.language ? (
          <button type="button" data-testid="show-translation" onClick={() => setChosen(uiLang)}>
            <Languages className="icon" aria-hidden="true" />
            {t('reader.showUiLanguage')}
          </button>
        ) : null}
        <button
          type="button"
          aria-pressed={sideBySide}
          data-testid="side-by-side"
          onClick={() => setSideBySide((value) => !value)}
        >
          <Columns2 className="icon" aria-hidden="true" />
          {t('reader.sideBySide')}
        </button>
        <LanguageVersionSwitcher versions={versions} value={lang} onChange={setChosen} />
        {row.authorId && row.authorId === notes?.me?.id && row.status === 'published' ? (
          <button type="button" data-testid="edit-contribution" onClick={() => void startEdit(row.id)}>
            <PenLine className="icon" aria-hidden="true" />
            {t('compose.edit')}
          </button>
        ) : null}
        {row.status === 'published' ? (
          <button type="button" data-testid="answer-contribution" onClick={() => void startAnswer(row)}>
            <Reply className="icon" aria-hidden="true" />
            {t('threads.answer')}
          </button>
        ) : null}
        {canAnnotate ? (
          <button
            type="button"
            data-testid="highlight-selection"
            disabled={!actions.selection}
            onClick={() => actions.selection && actions.startNew(actions.selection.lang, actions.selection.range)}
          >
            <Highlighter className="icon" aria-hidden="true" />
            {t('annotate.highlight')}
          </button>
        ) : null}
      </div>
      {canAnnotate ? (
        <p id="annotate-hint" className="meta">
          {t('annotate.hint')}
        </p>
      ) : null}
      {actions.problem ? (
        <p className="banner banner-error" role="alert" data-testid="annotate-problem">
          {actions.problem.kind === 'selection'
            ? t(`annotate.selectionError.${actions.problem.code}`)
            : t('annotate.problem', {
                message: errorMessage(
                  t,
                  actions.problem.kind === 'storage'
                    ? 'storage-failed'
                    : actions.problem.kind === 'bad-characters'
                      ? 'bad-characters'
                      : 'unknown',
                ),
              })}
        </p>
      ) : null}
      {actions.editing && notes ? (
        <AnnotationEditor
          key={actions.editing.mode === 'edit' ? actions.editing.item.row.id : 'new'}
          quote={actions.editing.mode === 'new' ? actions.editing.quote : actions.editing.item.row.target.quote.exact}
          quoteLang={actions.editing.mode === 'new' ? actions.editing.lang : actions.editing.item.row.target.language}
          initial={
            actions.editing.mode === 'new'
              ? { note: '', tags: [], visibility: 'private' }
              : {
                  note: actions.editing.item.row.note,
                  tags: actions.editing.item.row.tags,
                  visibility: actions.editing.item.row.visibility,
                }
          }
          tags={notes.tags}
          onSave={actions.save}
          onCancel={() => actions.setEditing(null)}
          onDelete={
            actions.editing.mode === 'edit'
              ? () => {
                  const editing = actions.editing;
                  if (editing?.mode === 'edit') void actions.remove(editing.item.row.id);
                }
              : undefined
          }
          onProposeTag={(label) => actions.propose(label, uiLang)}
        />
      ) : null}
      {row.status === 'withdrawn' ? (
        <p className="banner banner-warning" role="note" data-testid="withdrawn">
          {t('reader.withdrawn')}
          {row.withdrawnReason ? (
            <>
              <br />
              <span dir="auto">{t('reader.withdrawnReason', { reason: row.withdrawnReason })}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {row.status === 'published' && wanted === undefined && !byLang.has(uiLang) ? (
        <p className="banner" role="note" data-testid="awaiting-translation">
          {t('reader.awaitingTranslation', { language: languageName(uiLang, uiLang) })}
          {data.status.waiting === 'budget' ? (
            <>
              <br />
              <span data-testid="awaiting-budget">{t('threads.budgetWaiting')}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {!shown ? (
        <p role="status">{t('reader.noText')}</p>
      ) : (
        <div className="reader-body">
          {sideBySide && original ? (
            <div className="side-by-side" data-testid="side-by-side-view">
              <TextBlock version={original} contributionVersion={row.version} annotations={annotationsFor(original)} />
              {(() => {
                const other = shown.language === original.language ? (byLang.get(uiLang) ?? shown) : shown;
                return (
                  <TextBlock version={other} contributionVersion={row.version} annotations={annotationsFor(other)} />
                );
              })()}
            </div>
          ) : (
            <TextBlock version={shown} contributionVersion={row.version} annotations={annotationsFor(shown)} />
          )}
          {notes ? (
            <NotesPanel
              placed={placed}
              tags={notes.tags}
              onShow={showNote}
              onEdit={(item) => actions.setEditing({ mode: 'edit', item })}
              onDelete={(item) => void actions.remove(item.row.id)}
              onConfirmMove={(item) => void actions.confirmMove(item)}
              onResolveConflict={(item, note) => void actions.resolveConflict(item, note)}
              onDismissNotice={actions.dismissKeptNotice}
            />
          ) : null}
        </div>
      )}
      <ThreadContext thread={thread} part="answers" />
    </article>
  );
}
