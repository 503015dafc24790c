import type { Lang } from '../languages.js';
import type { ParticipantId } from './entities.js';
import type { EventId } from './events.js';
import type { SynthesisId } from './synthesis.js';

/**
 * An event's proceedings (issue 20) as a member's device receives it: one
 * whole record per event (the title page, the review state of the whole and
 * of each synthesis, the review comments, the trail of moves, the published
 * editions, who agreed to be named), rebuilt by the server at every change,
 * so a device never has to merge parts of it. An edition's frozen content is
 * not in it: the edition's files are asked for by number (GET
 * /api/events/:id/proceedings/editions/:n/…), as a material's bytes are.
 */
export const REVIEW_STATES = ['draft', 'in-review', 'approved', 'published'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** 'whole' is the proceedings as a whole; anything else is a synthesis id of the event. */
export type ReviewTarget = 'whole' | SynthesisId;

/**
 * Where a comment sits in a synthesis's text: two Yjs relative positions
 * (hex of Y.encodeRelativePosition) in one text run of the CRDT document, so
 * the comment follows the words through every later edit, and the words as
 * they were when commented (shown when the passage has since been deleted).
 */
export interface CommentAnchor {
  start: string;
  end: string;
  quote: string;
}

/** A review comment: threaded (replyTo), resolvable, never exported. */
export interface ReviewComment {
  id: string;
  synthesisId: SynthesisId;
  /** Null for a reply or a comment on the synthesis as a whole. */
  anchor: CommentAnchor | null;
  body: string;
  authorId: ParticipantId;
  authorName: string;
  replyTo: string | null;
  resolved: boolean;
  resolvedByName: string | null;
  createdAt: string;
}

/** One move of a review state, kept for good (the review trail). */
export interface ReviewMove {
  target: ReviewTarget;
  from: ReviewState;
  to: ReviewState;
  byName: string;
  at: string;
  /** The edition a publication made. */
  edition: number | null;
}

/** A published edition: frozen, its content hash recorded. */
export interface EditionSummary {
  number: number;
  /** The language the edition was written in (its source). */
  language: Lang;
  /** The languages it exists in: its own, and each whose machine edition is complete. */
  languages: Lang[];
  /** SHA-256 (hex) of the edition's content: equal content, equal hash. */
  contentHash: string;
  publishedAt: string;
  publishedByName: string;
}

export interface Proceedings {
  eventId: EventId;
  title: string;
  subtitle: string;
  publisher: string;
  /** The language the proceedings are published in first (the editions' source). */
  language: Lang;
  /** The review state of the whole. */
  state: ReviewState;
  /** The state of each synthesis of the event (absent: draft). */
  sections: Record<string, ReviewState>;
  comments: ReviewComment[];
  trail: ReviewMove[];
  editions: EditionSummary[];
  /** The names of the members who agreed to be named in these proceedings. */
  named: string[];
  /** Whether the pulling participant agreed to be named (default: no). */
  myConsent: boolean;
  version: number;
}
