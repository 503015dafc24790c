import type { Lang } from '../../shared/languages.js';
import type { AnnotationId, TagId, Visibility } from '../../shared/model/annotations.js';
import type { AuthorKind, ContributionId, QuestionId, TextOrigin, Track } from '../../shared/model/entities.js';
import type { Snippet } from '../../shared/search/index.js';

/** What the search screen asks of the search worker, and what it answers. */

export interface SearchFilters {
  questionId?: QuestionId | null;
  track?: Track | null;
  originalLanguage?: Lang | null;
  /** Only matches in this language version (and notes made on it). */
  matchedLanguage?: Lang | null;
  tagId?: TagId | null;
  authorKind?: AuthorKind | null;
  /** Only contributions the user has written notes on. */
  myNotes?: boolean;
  /**
   * Only contributions to these questions: the current event's agenda (issue
   * 18). Absent: every question (searching all the user's events).
   */
  questionIds?: readonly QuestionId[] | null;
  /** Only notes written in this event (and notes from before events); absent: the notes of every event. */
  eventId?: string | null;
}

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
  /** Matches in this language are shown first. */
  uiLang: Lang;
  offset?: number;
  limit?: number;
}

/** One language version of a contribution that matched, with the passage that did. */
export interface VersionMatch {
  language: Lang;
  origin: TextOrigin;
  engine: string | null;
  snippet: Snippet;
}

/** A note (the user's own, or shared with the seminar) that matched. */
export interface NoteMatch {
  annotationId: AnnotationId;
  /** The language version the note was made on. */
  language: Lang;
  mine: boolean;
  visibility: Visibility;
  authorName: string;
  snippet: Snippet;
}

/** One contribution and everything in it that matched. */
export interface ResultGroup {
  contributionId: ContributionId;
  questionId: QuestionId;
  authorName: string;
  authorKind: AuthorKind;
  /** The language it was written in. */
  language: Lang;
  /** The best matching versions, with passages (a few at most). */
  versions: VersionMatch[];
  /** Further versions that matched, without passages. */
  otherLanguages: Lang[];
  notes: NoteMatch[];
}

export interface IndexStatus {
  /**
   * loading: reading the saved index; building: indexing what is on this
   * device for the first time; updating: indexing what a sync brought;
   * waiting: a sync is pulling, what it brings is indexed once it is done;
   * ready: up to date. Searching works in every phase, over what is indexed.
   */
  phase: 'loading' | 'building' | 'updating' | 'waiting' | 'ready' | 'failed';
  /** Contributions indexed. */
  indexed: number;
  /** Whether the index came from this device's disk at start-up (no rebuild). */
  fromDisk: boolean;
  /** Milliseconds from start to the first search possible. */
  readyMs?: number;
}

export interface SearchResponse {
  query: string;
  /** Contributions that match. */
  total: number;
  /** True when a phrase was only checked for the contributions shown: `total` is then at most the true count. */
  approximate: boolean;
  offset: number;
  /** The offset to ask for the next page; null after the last. */
  nextOffset: number | null;
  groups: ResultGroup[];
  /** Worker time for this answer. */
  tookMs: number;
  status: IndexStatus;
}

export type ToSearchWorker =
  | { type: 'search'; id: number; request: SearchRequest }
  /** Index what is waiting and save the index now (tests, and before a planned shutdown). */
  | { type: 'flush'; id: number }
  /** A sync is pulling (true) or no longer (false): indexing waits meanwhile (SearchService.hold). */
  | { type: 'hold'; held: boolean };

export type FromSearchWorker =
  | { type: 'results'; id: number; response: SearchResponse }
  | { type: 'flushed'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'status'; status: IndexStatus };
