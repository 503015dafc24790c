import { useLiveQuery } from 'dexie-react-hooks';
import type { Lang } from '../../../shared/languages.js';
import type { AuthorKind, QuestionId } from '../../../shared/model/entities.js';
import type { ContributionRow, ReadStateRow, SeminarDb } from '../../db/database.js';
import type { ContributionLayout } from '../../ui/preferences.js';
import { threadEntries, type ThreadEntry } from '../threads/thread-order.js';

export interface ListFilters {
  language: Lang | 'all';
  authorKind: AuthorKind | 'all';
}

export interface ContributionListData {
  rows: ContributionRow[];
  /** What the list shows, in order: the rows flat, or threaded with placeholders for withdrawn ones. */
  entries: ThreadEntry[];
  /** Languages and author kinds present for this question, to offer as filters. */
  languages: Lang[];
  authorKinds: AuthorKind[];
  marks: Map<string, ReadStateRow>;
}

/**
 * The published contributions of a question, read from the small list records
 * through the compound indexes, oldest first.
 */
export function useContributionList(
  db: SeminarDb,
  questionId: QuestionId,
  filters: ListFilters,
  layout: ContributionLayout = 'flat',
) {
  return useLiveQuery(async (): Promise<ContributionListData> => {
    const all = await db.contributions.where('questionId').equals(questionId).toArray();
    const published = all.filter((row) => row.status === 'published');
    const passes = (row: ContributionRow) =>
      (filters.language === 'all' || row.language === filters.language) &&
      (filters.authorKind === 'all' || row.authorKind === filters.authorKind);
    const rows = published
      .filter(passes)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const entries: ThreadEntry[] =
      layout === 'threads'
        ? threadEntries(all, passes)
        : rows.map((row) => ({ kind: 'contribution', row, depth: 0, answers: 0 }));
    const marks = new Map<string, ReadStateRow>();
    for (const mark of await db.readState.bulkGet(rows.map((row) => row.id))) if (mark) marks.set(mark.id, mark);
    return {
      rows,
      entries,
      languages: [...new Set(published.map((row) => row.language))].sort(),
      authorKinds: [...new Set(published.map((row) => row.authorKind))].sort(),
      marks,
    };
  }, [db, questionId, filters.language, filters.authorKind, layout]);
}
