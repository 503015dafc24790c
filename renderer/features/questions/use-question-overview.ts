import { useLiveQuery } from 'dexie-react-hooks';
import type { Lang } from '../../../shared/languages.js';
import type { AuthorKind, QuestionId } from '../../../shared/model/entities.js';
import type { SeminarDb, TagRow } from '../../db/database.js';

export interface QuestionOverview {
  total: number;
  read: number;
  byLanguage: Map<Lang, number>;
  byAuthorKind: Map<AuthorKind, number>;
  /** Notes this device may show, per codebook tag, in the codebook's order. */
  byTag: { tag: TagRow; count: number }[];
  notes: number;
}

/** What a question's overview charts: its published contributions, their notes, what I have read. */
export function useQuestionOverview(db: SeminarDb, questionId: QuestionId): QuestionOverview | undefined {
  return useLiveQuery(async () => {
    const rows = (await db.contributions.where('questionId').equals(questionId).toArray()).filter(
      (row) => row.status === 'published',
    );
    const ids = rows.map((row) => row.id);
    const wanted = new Set<string>(ids);
    // Notes are few beside contributions: one scan beats an index look-up per contribution.
    const [marks, annotations, tags] = await Promise.all([
      db.readState.bulkGet(ids),
      db.annotations.filter((row) => wanted.has(row.contributionId)).toArray(),
      db.tags.orderBy('order').toArray(),
    ]);
    const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
    const byLanguage = new Map<Lang, number>();
    const byAuthorKind = new Map<AuthorKind, number>();
    for (const row of rows) {
      count(byLanguage, row.language);
      count(byAuthorKind, row.authorKind);
    }
    const live = annotations.filter((row) => !row.deleted);
    const perTag = new Map<string, number>();
    for (const note of live) for (const tag of note.tags) count(perTag, tag as string);
    return {
      total: rows.length,
      read: marks.filter((mark) => mark?.read).length,
      byLanguage,
      byAuthorKind,
      byTag: tags
        .filter((tag) => (perTag.get(tag.id) ?? 0) > 0)
        .map((tag) => ({ tag, count: perTag.get(tag.id) ?? 0 })),
      notes: live.length,
    };
  }, [db, questionId]);
}
