import type { ContributionId, QuestionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { draftForEdit, newDraft, saveDraft } from '../../db/drafts.js';

/** Starts a new contribution to a question (in the UI language until the text says otherwise) and opens it. */
export function useStartDraft(): (questionId: QuestionId) => Promise<void> {
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  return async (questionId) => {
    try {
      const draft = await saveDraft(db, newDraft(questionId, uiLang));
      window.location.hash = href({ name: 'compose', id: draft.id });
    } catch (error) {
      reportStorageError(error);
    }
  };
}

/** Starts an answer to a contribution: a new contribution to its question, with the answered text beside it. */
export function useStartAnswer(): (answered: { id: ContributionId; questionId: QuestionId }) => Promise<void> {
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  return async (answered) => {
    try {
      const draft = await saveDraft(db, newDraft(answered.questionId, uiLang, answered.id));
      window.location.hash = href({ name: 'compose', id: draft.id });
    } catch (error) {
      reportStorageError(error);
    }
  };
}

/** Opens one's own contribution for editing (its open draft, if there is one). */
export function useStartEdit(): (id: ContributionId) => Promise<void> {
  const { db, reportStorageError } = useApp();
  return async (id) => {
    try {
      const draft = await draftForEdit(db, id);
      window.location.hash = href({ name: 'compose', id: draft.id });
    } catch (error) {
      reportStorageError(error);
    }
  };
}
