import { useLiveQuery } from 'dexie-react-hooks';
import type { ContributionId, QuestionId, TextVersion } from '../../../shared/model/entities.js';
import type { ContributionRow, SeminarDb } from '../../db/database.js';

export interface ThreadNeighbour {
  row: ContributionRow;
  versions: TextVersion[];
}

export interface ThreadData {
  /** What it answers: the record when this device has it published; 'withdrawn' when withdrawn or never pulled. */
  parent: ThreadNeighbour | 'withdrawn' | null;
  /** Its published answers, oldest first. */
  answers: ThreadNeighbour[];
}

/** A contribution's place in its thread, from this device's database only (offline). */
export function useThread(
  db: SeminarDb,
  contribution: { id: ContributionId; questionId: QuestionId; replyTo?: ContributionId | null } | undefined,
): ThreadData | undefined {
  const id = contribution?.id;
  const questionId = contribution?.questionId;
  const replyTo = contribution?.replyTo ?? null;
  return useLiveQuery(async (): Promise<ThreadData> => {
    if (!id || !questionId) return { parent: null, answers: [] };
    const [parentRow, parentTexts, answerRows] = await Promise.all([
      replyTo ? db.contributions.get(replyTo) : undefined,
      replyTo ? db.texts.get(replyTo) : undefined,
      db.contributions
        .where('questionId')
        .equals(questionId)
        .filter((row) => row.replyTo === id && row.status === 'published')
        .toArray(),
    ]);
    answerRows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const answerTexts = await db.texts.bulkGet(answerRows.map((row) => row.id));
    return {
      parent: !replyTo
        ? null
        : parentRow && parentRow.status === 'published'
          ? { row: parentRow, versions: parentTexts?.versions ?? [] }
          : 'withdrawn',
      answers: answerRows.map((row, i) => ({ row, versions: answerTexts[i]?.versions ?? [] })),
    };
  }, [db, id, questionId, replyTo]);
}
