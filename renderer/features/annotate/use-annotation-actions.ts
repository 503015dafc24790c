import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeSelection,
  hashText,
  retarget,
  SelectionError,
  type SelectionErrorCode,
} from '../../../shared/anchoring/index.js';
import type { Lang } from '../../../shared/languages.js';
import type { AnnotationId } from '../../../shared/model/annotations.js';
import type { ContributionId, Participant, TextVersion } from '../../../shared/model/entities.js';
import {
  createAnnotation,
  deleteAnnotation,
  dismissNotice,
  proposeTag,
  resolveNoteConflict,
  restoreAnnotation,
  updateAnnotation,
  type AnnotationBody,
} from '../../db/annotations.js';
import type { TagRow } from '../../db/database.js';
import { useApp } from '../../app/AppContext.js';
import { classifyStorageError } from '../../app/storage-errors.js';
import { showToast } from '../../ui/Toasts.js';
import { BadTextError } from '../../../shared/text/storable-characters.js';
import type { TextRange } from './selection-offsets.js';
import type { PlacedAnnotation } from './use-annotations.js';

export type Editing =
  { mode: 'new'; lang: Lang; range: TextRange; quote: string } | { mode: 'edit'; item: PlacedAnnotation };

/** Palette for tags proposed offline; the secretariat may recolour them. */
const PROPOSAL_COLORS = ['#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#9467bd'];

/** What went wrong, as a code the screen turns into words in the user's language. */
export type AnnotateProblem =
  { kind: 'selection'; code: SelectionErrorCode } | { kind: 'storage' | 'bad-characters' | 'unknown' };

function problemOf(error: unknown, storage: boolean): AnnotateProblem {
  if (error instanceof SelectionError) return { kind: 'selection', code: error.code };
  if (error instanceof BadTextError) return { kind: 'bad-characters' };
  return { kind: storage ? 'storage' : 'unknown' };
}

/** Selection, editor and undo state of the reader, and the writes they lead to. */
export function useAnnotationActions(
  contributionId: ContributionId,
  me: Participant | undefined,
  byLang: ReadonlyMap<Lang, TextVersion>,
) {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const [selection, setSelection] = useState<{ lang: Lang; range: TextRange } | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<AnnotateProblem | null>(null);

  const fail = useCallback(
    (error: unknown) => {
      reportStorageError(error);
      setProblem(problemOf(error, classifyStorageError(error) !== null));
    },
    [reportStorageError],
  );

  const startNew = useCallback(
    (lang: Lang, range: TextRange) => {
      const version = byLang.get(lang);
      if (!version || !me) return;
      try {
        const { quote } = describeSelection(version.text, range.start, range.end);
        setProblem(null);
        setEditing({ mode: 'new', lang, range, quote: quote.exact });
      } catch (error) {
        setProblem(problemOf(error, false));
      }
    },
    [byLang, me],
  );

  const save = useCallback(
    async (body: AnnotationBody) => {
      if (!editing || !me) return;
      try {
        if (editing.mode === 'new') {
          const version = byLang.get(editing.lang)!;
          const { quote, position } = describeSelection(version.text, editing.range.start, editing.range.end);
          await createAnnotation(
            db,
            me,
            {
              contributionId,
              language: editing.lang,
              sourceVersion: version.sourceVersion,
              textHash: hashText(version.text),
              quote,
              position,
            },
            body,
          );
          window.getSelection()?.removeAllRanges();
          setSelection(null);
        } else {
          await updateAnnotation(db, me, editing.item.row.id, body);
        }
        setEditing(null);
      } catch (error) {
        fail(error);
      }
    },
    [editing, me, byLang, db, contributionId, fail],
  );

  const undoDelete = useCallback(
    async (id: AnnotationId) => {
      if (!me) return;
      try {
        await restoreAnnotation(db, me, id);
      } catch (error) {
        fail(error);
      }
    },
    [db, me, fail],
  );

  const remove = useCallback(
    async (id: AnnotationId) => {
      if (!me) return;
      try {
        await deleteAnnotation(db, me, id);
        setEditing(null);
        // The deletion is saved already; the toast offers its undo while it lasts (ui/Toasts.tsx).
        showToast({
          text: t('annotate.deleted'),
          testId: 'undo-delete',
          action: { label: t('annotate.undo'), run: () => undoDelete(id) },
        });
      } catch (error) {
        fail(error);
      }
    },
    [db, me, fail, t, undoDelete],
  );

  /** "Yes, this is the passage": the moved highlight's new place becomes its target. */
  const confirmMove = useCallback(
    async (item: PlacedAnnotation) => {
      const version = byLang.get(item.row.target.language);
      if (!me || !version || item.placement.status !== 'moved') return;
      try {
        const target = retarget(
          item.row.target,
          { text: version.text, sourceVersion: version.sourceVersion },
          item.placement,
        );
        await updateAnnotation(db, me, item.row.id, { target });
      } catch (error) {
        fail(error);
      }
    },
    [byLang, db, me, fail],
  );

  const resolveConflict = useCallback(
    async (item: PlacedAnnotation, note: string) => {
      if (!me) return;
      try {
        await resolveNoteConflict(db, me, item.row.id, note);
      } catch (error) {
        fail(error);
      }
    },
    [db, me, fail],
  );

  const dismissKeptNotice = useCallback(
    (item: PlacedAnnotation) => {
      dismissNotice(db, item.row.id).catch(fail);
    },
    [db, fail],
  );

  const propose = useCallback(
    async (label: string, lang: Lang): Promise<TagRow> => {
      if (!me) throw new Error('not signed in');
      const count = await db.tags.count();
      return proposeTag(db, me, { [lang]: label }, PROPOSAL_COLORS[count % PROPOSAL_COLORS.length]!);
    },
    [db, me],
  );

  return {
    selection,
    setSelection,
    editing,
    setEditing,
    problem,
    startNew,
    save,
    remove,
    undoDelete,
    confirmMove,
    resolveConflict,
    dismissKeptNotice,
    propose,
  };
}
