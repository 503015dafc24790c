import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { placeAnnotation } from '../annotate/place-annotation.js';
import type { Lang } from '../../../shared/languages.js';
import type { TagId, Visibility } from '../../../shared/model/annotations.js';
import type { ContributionId, Question, QuestionId } from '../../../shared/model/entities.js';
import { getMe, listTags } from '../../db/annotations.js';
import type { ContributionRow, ContributionTextRow, SeminarDb } from '../../db/database.js';
import type { PlacedAnnotation } from '../annotate/use-annotations.js';

export interface NotebookFilter {
  scope: 'mine' | 'seminar';
  questionId: QuestionId | '';
  tag: TagId | '';
  language: Lang | '';
  visibility: Visibility | '';
  /** The event a note was written in (issue 18): '' for every event; the own notes of every event are there. */
  eventId: string;
  orphansOnly: boolean;
}

export const EMPTY_FILTER: NotebookFilter = {
  scope: 'mine',
  questionId: '',
  tag: '',
  language: '',
  visibility: '',
  eventId: '',
  orphansOnly: false,
};

export interface NotebookEntry extends PlacedAnnotation {
  contribution: ContributionRow | undefined;
}

/** All annotations this device may show, placed against the current texts, then filtered. */
export function useNotebook(db: SeminarDb, filter: NotebookFilter) {
  const data = useLiveQuery(
    async () => {
      const [rows, tags, me, questions] = await Promise.all([
        db.annotations.filter((row) => !row.deleted).toArray(),
        listTags(db),
        getMe(db),
        db.questions.toArray(),
      ]);
      const ids = [...new Set(rows.map((row) => row.contributionId))];
      const [contributions, texts] = await Promise.all([db.contributions.bulkGet(ids), db.texts.bulkGet(ids)]);
      return { rows, tags, me, questions, contributions, texts, ids };
    },
    [db],
    null,
  );

  const entries = useMemo<NotebookEntry[] | null>(() => {
    if (!data) return null;
    const contributionById = new Map<ContributionId, ContributionRow>();
    const textsById = new Map<ContributionId, ContributionTextRow>();
    data.ids.forEach((id, index) => {
      const c = data.contributions[index];
      const t = data.texts[index];
      if (c) contributionById.set(id, c);
      if (t) textsById.set(id, t);
    });
    return data.rows
      .map((row): NotebookEntry => {
        const version = textsById.get(row.contributionId)?.versions.find((v) => v.language === row.target.language);
        const placement = placeAnnotation(row.target, version);
        return {
          row,
          own: row.authorId === data.me?.id,
          placement,
          contribution: contributionById.get(row.contributionId),
        };
      })
      .sort((a, b) => (a.row.updatedAt < b.row.updatedAt ? 1 : a.row.updatedAt > b.row.updatedAt ? -1 : 0));
  }, [data]);

  const shown = useMemo(
    () =>
      entries?.filter(
        (e) =>
          (filter.scope === 'seminar' || e.own) &&
          (!filter.questionId || e.contribution?.questionId === filter.questionId) &&
          (!filter.tag || e.row.tags.includes(filter.tag)) &&
          (!filter.language || e.row.target.language === filter.language) &&
          (!filter.visibility || e.row.visibility === filter.visibility) &&
          (!filter.eventId || e.row.eventId === filter.eventId) &&
          (!filter.orphansOnly || e.placement.status === 'orphan'),
      ) ?? null,
    [entries, filter],
  );

  return {
    entries: shown,
    tags: data?.tags ?? [],
    me: data?.me,
    questions: (data?.questions ?? []) as Question[],
    texts: data ? new Map(data.ids.map((id, i) => [id, data.texts[i]] as const)) : new Map(),
  };
}
