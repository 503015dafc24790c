import type { Lang, LocalizedText } from '../languages.js';
import type { ContributionId, ParticipantId } from './entities.js';

export type AnnotationId = string & { readonly __brand: 'AnnotationId' };
export type TagId = string & { readonly __brand: 'TagId' };

export const VISIBILITIES = ['private', 'seminar'] as const;
/** private: only its author, on all of their devices; seminar: every participant, with the author's name. */
export type Visibility = (typeof VISIBILITIES)[number];

/** W3C Web Annotation TextQuoteSelector: the quoted words and a little context on each side. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the text version, end exclusive. */
export interface TextPositionSelector {
  start: number;
  end: number;
}

/**
 * What an annotation points at: one language version of one contribution, as it
 * was when the annotation was made (or last confirmed). `sourceVersion` is that
 * version's `sourceVersion` and `textHash` a hash of its text (shared/anchoring),
 * so a later re-translation or edit is detected even when the version number
 * does not move.
 */
export interface AnnotationTarget {
  contributionId: ContributionId;
  language: Lang;
  sourceVersion: number;
  textHash: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface Annotation {
  id: AnnotationId;
  authorId: ParticipantId;
  authorName: string;
  target: AnnotationTarget;
  note: string;
  tags: TagId[];
  visibility: Visibility;
  /**
   * The event it was written in: a `seminar` note is shared with that event's
   * members only; a private one stays its author's in every event (the
   * notebook filters by it). Absent on notes written before events existed
   * on the device; null when written outside any event.
   */
  eventId?: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by the server on each accepted edit. */
  version: number;
  /** Deleted annotations stay as tombstones so every device learns of the deletion. */
  deleted: boolean;
}

export const TAG_STATUSES = ['active', 'proposed'] as const;
/** A proposed tag was suggested by a participant; the secretariat makes it active (or not). */
export type TagStatus = (typeof TAG_STATUSES)[number];

/** An entry of the seminar's codebook. */
export interface Tag {
  id: TagId;
  label: LocalizedText;
  /** CSS hex colour, "#rrggbb". */
  color: string;
  status: TagStatus;
  /** Who proposed it, for proposed tags. */
  proposedBy: ParticipantId | null;
  order: number;
  version: number;
}
