import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Placement } from './place-annotation.js';
import { placeAnnotation } from './place-annotation.js';
import type { Lang } from '../../../shared/languages.js';
import type { ContributionId, Participant, TextVersion } from '../../../shared/model/entities.js';
import { annotationsFor, getMe, listTags } from '../../db/annotations.js';
import type { AnnotationRow, SeminarDb, TagRow } from '../../db/database.js';

export interface PlacedAnnotation {
  row: AnnotationRow;
  own: boolean;
  /** Where it stands in the current text of its language version. */
  placement: Placement;
}

export interface ContributionAnnotations {
  me: Participant | undefined;
  tags: TagRow[];
  placed: PlacedAnnotation[];
}

/** Every annotation of a contribution this device holds, re-anchored against the current texts. */
export function useContributionAnnotations(
  db: SeminarDb,
  contributionId: ContributionId,
  versions: readonly TextVersion[],
): ContributionAnnotations | null {
  const data = useLiveQuery(
    async () => {
      const [rows, tags, me] = await Promise.all([annotationsFor(db, contributionId), listTags(db), getMe(db)]);
      return { rows, tags, me };
    },
    [db, contributionId],
    null,
  );
  return useMemo(() => {
    if (!data) return null;
    const byLang = new Map<Lang, TextVersion>(versions.map((v) => [v.language, v]));
    const placed = data.rows.map((row): PlacedAnnotation => {
      const placement = placeAnnotation(row.target, byLang.get(row.target.language));
      return { row, own: row.authorId === data.me?.id, placement };
    });
    return { me: data.me, tags: data.tags, placed };
  }, [data, versions]);
}
