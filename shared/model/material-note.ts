import type { AnnotationId, TagId, TextPositionSelector, TextQuoteSelector, Visibility } from './annotations.js';
import type { ParticipantId } from './entities.js';
import type { MaterialId } from './material.js';

/**
 * A passage of a PDF, located as the Hypothesis client locates PDF text: the
 * quote with its context (re-anchored by it), the page it was on (a page
 * selector, 1-based) and its offsets in that page's text. `textHash` is the
 * hash of the page's text when the note was made, so an unchanged page takes
 * the fast path.
 */
export interface PdfPassageTarget {
  kind: 'pdf';
  materialId: MaterialId;
  /** The file annotated (its SHA-256): a replaced file makes the note re-anchor by its quote. */
  sha256: string;
  page: number;
  textHash: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/**
 * A time range of a video: a W3C Web Annotation FragmentSelector whose value
 * is a Media Fragment `t=start,end` (seconds, normal play time).
 */
export interface MediaRangeTarget {
  kind: 'media';
  materialId: MaterialId;
  sha256: string;
  start: number;
  end: number;
}

export type MaterialNoteTarget = PdfPassageTarget | MediaRangeTarget;

/**
 * A note on a briefing material: the same body, visibility, event and
 * versioning as an annotation of a contribution (model/annotations.ts), with
 * a target in a PDF or a video.
 */
export interface MaterialNote {
  id: AnnotationId;
  authorId: ParticipantId;
  authorName: string;
  target: MaterialNoteTarget;
  note: string;
  tags: TagId[];
  visibility: Visibility;
  eventId?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  deleted: boolean;
}
