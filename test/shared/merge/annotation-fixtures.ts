import type { Annotation, AnnotationId, TagId, Visibility } from '../../../shared/model/annotations.js';
import type { ContributionId, ParticipantId } from '../../../shared/model/entities.js';

export interface NoteSpec {
  note?: string;
  tags?: string;
  visibility?: Visibility;
  /** Where the annotation is anchored: a stand-in for a re-anchored target. */
  start?: number;
  deleted?: boolean;
  version?: number;
  updatedAt?: string;
}

/** One annotation in the state a spec describes; frozen, so a merge that mutates its input fails. */
export function note(spec: NoteSpec = {}): Annotation {
  const start = spec.start ?? 10;
  return deepFreeze({
    id: 'a1b2c3d4-0000-4000-8000-000000000001' as AnnotationId,
    authorId: 'p-1' as ParticipantId,
    authorName: 'Dr. Layla Haddad',
    target: {
      contributionId: 'c-1' as ContributionId,
      language: 'fr',
      sourceVersion: 1,
      textHash: 'h1',
      quote: { exact: 'cyberespace', prefix: 'dans le ', suffix: ', les' },
      position: { start, end: start + 11 },
    },
    note: spec.note ?? 'Avis de la délégation.',
    tags: (spec.tags ? spec.tags.split(' ') : []) as TagId[],
    visibility: spec.visibility ?? 'private',
    createdAt: '2017-02-01T09:00:00.000Z',
    updatedAt: spec.updatedAt ?? '2017-02-01T10:00:00.000Z',
    version: spec.version ?? 3,
    deleted: spec.deleted ?? false,
  });
}

/** The same record stamped by a clock that is `hours` off. */
export function skewed(annotation: Annotation, hours: number): Annotation {
  const shift = (iso: string) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
  return deepFreeze({ ...annotation, createdAt: shift(annotation.createdAt), updatedAt: shift(annotation.updatedAt) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
