import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkContributionText, type ContributionTextProblem } from '../../../shared/contribution/contribution-text.js';
import { suggestLanguage } from '../../../shared/contribution/suggest-language.js';
import type { Lang } from '../../../shared/languages.js';
import type { ContributionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import type { DraftRow } from '../../db/database.js';
import { DraftProblem, discardDraft, reopenDraft, saveDraft, submitDraft } from '../../db/drafts.js';

/** Typing pauses this long before the draft is written; leaving the field or the screen writes at once. */
export const AUTOSAVE_DELAY_MS = 400;

export type SubmitProblem = ContributionTextProblem | 'already-queued' | 'storage';

/**
 * The composer's state: the text as typed (written to IndexedDB shortly after
 * each pause, and at once on blur and when the screen closes, so a crash loses
 * at most the last keystrokes), the language (suggested from the text until
 * the author picks one), and the draft's lifecycle actions.
 */
export function useDraftEditor(draftId: ContributionId) {
  const { db, reportStorageError } = useApp();
  const draft = useLiveQuery(() => db.drafts.get(draftId), [db, draftId], null);
  const [text, setText] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [submitProblem, setSubmitProblem] = useState<SubmitProblem | null>(null);
  const pending = useRef<{ text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<DraftRow | null | undefined>(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const change = pending.current;
    const current = latest.current;
    if (!change || !current) return;
    pending.current = null;
    const patch: Partial<DraftRow> = { text: change.text };
    if (!current.languageChosen) {
      const suggested = suggestLanguage(change.text);
      if (suggested) patch.language = suggested;
    }
    try {
      const saved = await saveDraft(db, { id: current.id, questionId: current.questionId, ...patch });
      setSavedAt(saved.updatedAt);
    } catch (error) {
      pending.current = change;
      reportStorageError(error);
    }
  }, [db, reportStorageError]);

  // Leaving the screen writes what was typed.
  useEffect(() => () => void flush(), [flush]);

  const edit = (next: string) => {
    setText(next);
    setSubmitProblem(null);
    pending.current = { text: next };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  };

  const chooseLanguage = async (language: Lang) => {
    if (!draft) return;
    await flush();
    await saveDraft(db, { id: draft.id, questionId: draft.questionId, language, languageChosen: true }).catch(
      reportStorageError,
    );
  };

  const submit = async (): Promise<boolean> => {
    await flush();
    try {
      await submitDraft(db, draftId);
      return true;
    } catch (error) {
      if (error instanceof DraftProblem) setSubmitProblem(error.problem);
      else {
        setSubmitProblem('storage');
        reportStorageError(error);
      }
      return false;
    }
  };

  const reopen = () => reopenDraft(db, draftId).catch(reportStorageError);
  const discard = async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    await discardDraft(db, draftId).catch(reportStorageError);
  };
  /** On a conflict: continue from one of the two texts (the other stays visible until submitted). */
  const adopt = (value: string) => edit(value);

  // The stored text until the author types; afterwards the field is the truth (autosave trails it).
  const shownText = text ?? draft?.text ?? '';
  return {
    draft,
    text: shownText,
    problem: checkContributionText(shownText),
    savedAt,
    submitProblem,
    edit,
    flush,
    chooseLanguage,
    submit,
    reopen,
    discard,
    adopt,
  };
}
