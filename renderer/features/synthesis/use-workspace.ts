import { useLiveQuery } from 'dexie-react-hooks';
import type { Lang } from '../../../shared/languages.js';
import type { AuthorKind, QuestionId } from '../../../shared/model/entities.js';
import { getMe, listTags } from '../../db/annotations.js';
import type { AnnotationRow, ContributionRow, ContributionTextRow, SeminarDb, TagRow } from '../../db/database.js';

export interface WorkspaceFilter {
  authorKind: AuthorKind | '';
  language: Lang | '';
}

export interface WorkspaceGroup {
  /** null: the notes with no tag. */
  tag: TagRow | null;
  notes: AnnotationRow[];
}

/**
 * A rapporteur's material for one question: the seminar's shared notes (and
 * my own) on its contributions, grouped by codebook tag with counts, filtered
 * by author kind and by the language the note was made on.
 */
export function useWorkspace(db: SeminarDb, questionId: QuestionId, filter: WorkspaceFilter) {
  return useLiveQuery(async () => {
    const me = await getMe(db);
    const contributions = await db.contributions.where('questionId').equals(questionId).toArray();
    const byId = new Map<string, ContributionRow>(contributions.map((c) => [c.id, c]));
    const notes = (
      await db.annotations
        .where('contributionId')
        .anyOf([...byId.keys()])
        .toArray()
    ).filter(
      (a) =>
        !a.deleted &&
        (a.visibility === 'seminar' || a.authorId === me?.id) &&
        byId.get(a.contributionId)?.status === 'published' &&
        (!filter.authorKind || byId.get(a.contributionId)?.authorKind === filter.authorKind) &&
        (!filter.language || a.target.language === filter.language),
    );
    const tags = await listTags(db);
    const groups: WorkspaceGroup[] = tags
      .map((tag) => ({ tag, notes: notes.filter((n) => n.tags.includes(tag.id)) }))
      .filter((g) => g.notes.length > 0);
    const untagged = notes.filter((n) => n.tags.length === 0);
    if (untagged.length) groups.push({ tag: null, notes: untagged });
    const texts = new Map<string, ContributionTextRow>(
      (await db.texts.bulkGet([...new Set(notes.map((n) => n.contributionId))]))
        .filter((t): t is ContributionTextRow => !!t)
        .map((t) => [t.id, t]),
    );
    return { groups, contributions: byId, texts, total: notes.length, tags };
  }, [db, questionId, filter.authorKind, filter.language]);
}
