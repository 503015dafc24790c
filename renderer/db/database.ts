import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Lang } from '../../shared/languages.js';
import type {
  Author,
  ContributionId,
  ContributionStatus,
  ParticipantId,
  Question,
  QuestionId,
  SeminarSession,
  TextVersion,
  Theme,
} from '../../shared/model/entities.js';
import type { Annotation, Tag } from '../../shared/model/annotations.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import type { Synthesis, SynthesisId } from '../../shared/model/synthesis.js';
import type { SeminarEvent } from '../../shared/model/events.js';
import type { Material, MaterialId } from '../../shared/model/material.js';
import type { MaterialNote } from '../../shared/model/material-note.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import type { EditionTranslation } from '../../shared/protocol/proceedings.js';

/**
 * Local layout. A contribution is stored as two records: a small one for lists
 * and filters, and one holding the text in every language, so a list of
 * 10,000 contributions never reads 230 MB of text. The sync engine is the only
 * writer of corpus tables; screens read them and write only user state.
 */
export interface ContributionRow {
  id: ContributionId;
  questionId: QuestionId;
  author: Author;
  authorKind: Author['kind'];
  language: Lang;
  status: ContributionStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Languages that have a version, and which of them are machine translations. */
  languages: Lang[];
  machineLanguages: Lang[];
  /** The first ~300 characters of the original, for lists. */
  excerpt: string;
  /** The participant who wrote it in the app (null for imported ones): they may edit it. */
  authorId?: ParticipantId | null;
  /** Why the secretariat withdrew it, when it is withdrawn and said why. */
  withdrawnReason?: string | null;
  /** The contribution it answers (threads); filtered through the questionId index, never indexed itself. */
  replyTo?: ContributionId | null;
}

export interface ContributionTextRow {
  id: ContributionId;
  version: number;
  versions: TextVersion[];
}

/** The reader's own marks, never synced by the pull (pushed in a later issue). */
export interface ReadStateRow {
  id: ContributionId;
  read: boolean;
  starred: boolean;
  updatedAt: string;
}

/**
 * An annotation as this device holds it. `version` is the last server version
 * (0 until the server has it); `pending` is 1 while a local change awaits the
 * server's acknowledgement, and a pull never overwrites a pending row (the
 * reconciliation issue merges them). `contributionId` is the target's, lifted
 * out for the index.
 */
export interface AnnotationRow extends Annotation {
  contributionId: ContributionId;
  pending: 0 | 1;
  /**
   * The server's record the pending local change started from (null for a note
   * the server has never had): the base of the three-way merge when the push
   * meets a concurrent edit.
   */
  base?: Annotation | null;
  /** Both texts of a note edited on two sides at once, until the author resolves it. */
  conflict?: NoteConflict | null;
  /** Said once to the author: their edit was kept over a deletion made elsewhere. */
  notice?: 'kept-edit-over-delete' | null;
}

export interface NoteConflict {
  base: string;
  local: string;
  server: string;
  /** The server version the conflict was found against: the resolution is pushed on it. */
  serverVersion: number;
}

/** A codebook entry; `pending` marks a proposal made on this device and not yet acknowledged. */
export interface TagRow extends Tag {
  pending: 0 | 1;
}

/**
 * key: 'sync' → SyncMeta; 'me' → the signed-in Participant (from GET /api/me);
 * 'currentEvent' → the event id the user works in; 'leftEvents' → events this
 * device signed out of whose sign-out the server has not acknowledged yet;
 * 'eventActivity' → events with news not opened yet (the live channel's hints).
 */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SyncMeta {
  /** The server's database id; a different one means pull again from 0. */
  epoch: string | null;
  checkpoint: number;
  head: number;
  lastPulledAt: string | null;
}

/**
 * Local writes waiting to be pushed, in the order they were made. Each is
 * written in the same transaction as the change it describes (offline rule 1).
 */
export interface OutboxRow {
  seq?: number;
  mutationId: string;
  kind: Mutation['kind'];
  mutation: Mutation;
  createdAt: string;
  /** A rejected mutation stays, with the server's reason, until the user dismisses it. */
  rejected?: { reason: string; message: string } | null;
}

/** What the server acknowledged lately, for the "not yet sent" panel to show each item arrive. */
/**
 * A contribution being written on this device: a new one, or an edit of the
 * author's own. Autosaved as the author types (strict durability: it survives
 * a crash), kept until the server has the contribution: submitting queues its
 * mutation and keeps the draft, a rejection or a conflict brings it back to
 * the author with the reason, and only an acknowledgement removes it.
 */
export interface DraftRow {
  /** The contribution's id, made here: a resend is the same contribution. */
  id: ContributionId;
  questionId: QuestionId;
  language: Lang;
  /** Whether the author picked the language (then no suggestion overrides it). */
  languageChosen: boolean;
  text: string;
  /** null for a new contribution; the version an edit is made on. */
  baseVersion: number | null;
  /** The contribution this one answers ("Answer" in the reader), shown beside the text; null otherwise. */
  replyTo?: ContributionId | null;
  status: 'draft' | 'queued' | 'rejected' | 'conflict';
  /** The server's reason for a rejection (an API error code and its English message). */
  problem?: { reason: string; message: string } | null;
  /** On a conflict: the text the server holds, shown beside the draft. */
  serverText?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A synthesis's text on this device: the merged Yjs state of every update pulled or written here. */
export interface SynthesisDocRow {
  id: SynthesisId;
  state: Uint8Array;
  updatedAt: string;
}

export interface SentRow {
  seq?: number;
  mutationId: string;
  kind: Mutation['kind'];
  ackedAt: string;
}

/**
 * Contributions a pull wrote, for the search worker to index: one row per
 * applied page, written in the page's transaction, so an index that missed a
 * page (the app was closed first) catches up at the next start. The search
 * worker deletes rows once it has saved an index that holds them.
 */
export interface SearchQueueRow {
  seq?: number;
  contributions: ContributionId[];
}

/** A material as pulled, with its owner's id lifted out for the index. */
export interface MaterialRow extends Material {
  ownerId: string;
}

/**
 * This device's copy of a material's file: how much of it is here, and
 * whether the user wants it kept offline. The bytes live apart (the Cache API
 * in the web mode, the data folder in the desktop app: renderer/materials/),
 * in whole chunks, so `received` is always a multiple of the chunk size until
 * the last one, and a download resumes from there.
 */
export interface MaterialFileRow {
  id: MaterialId;
  sha256: string;
  size: number;
  received: number;
  status: 'waiting' | 'downloading' | 'verifying' | 'done' | 'paused' | 'over-budget' | 'full' | 'failed';
  /** "Keep offline": on by default; off frees the space and stops the download. */
  keep: boolean;
  /** The last failure's code (e.g. hash-mismatch, http-404), for the user. */
  error?: string | null;
  updatedAt: string;
}

/**
 * A note on a material as this device holds it: `pending` until the server
 * acknowledged it, `base` the server's record the local edits started from
 * (the three-way merge's base when a push meets a conflict).
 */
export interface MaterialNoteRow extends MaterialNote {
  materialId: MaterialId;
  pending: 0 | 1;
  base: MaterialNote | null;
}

/**
 * A downloaded PDF's text, extracted once after its download (for the search
 * and for re-anchoring notes without opening the file): one string per page,
 * as pdf.js's text layer joins it.
 */
export interface MaterialTextRow {
  id: MaterialId;
  sha256: string;
  pages: string[];
}

export type SeminarDb = Dexie & {
  themes: EntityTable<Theme, 'id'>;
  questions: EntityTable<Question, 'id'>;
  sessions: EntityTable<SeminarSession, 'id'>;
  contributions: EntityTable<ContributionRow, 'id'>;
  texts: EntityTable<ContributionTextRow, 'id'>;
  readState: EntityTable<ReadStateRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  annotations: EntityTable<AnnotationRow, 'id'>;
  tags: EntityTable<TagRow, 'id'>;
  sent: EntityTable<SentRow, 'seq'>;
  drafts: EntityTable<DraftRow, 'id'>;
  searchQueue: EntityTable<SearchQueueRow, 'seq'>;
  syntheses: EntityTable<Synthesis, 'id'>;
  synthesisDocs: EntityTable<SynthesisDocRow, 'id'>;
  events: EntityTable<SeminarEvent, 'id'>;
  catchUps: EntityTable<CatchUpRow, 'eventId'>;
  materials: EntityTable<MaterialRow, 'id'>;
  materialFiles: EntityTable<MaterialFileRow, 'id'>;
  materialNotes: EntityTable<MaterialNoteRow, 'id'>;
  materialTexts: EntityTable<MaterialTextRow, 'id'>;
  proceedings: EntityTable<Proceedings, 'eventId'>;
  editionUnits: Table<EditionUnitsRow, [string, number, Lang]>;
};

/**
 * An edition's units in one language as the server last sent them (issue 20):
 * read by the correction screen offline; corrections still queued lay over it.
 */
export interface EditionUnitsRow extends EditionTranslation {
  eventId: string;
  number: number;
  lang: Lang;
  fetchedAt: string;
}

/**
 * An event this device joined after its checkpoint had passed the event's
 * older records: they are pulled by a catch-up of that event alone, from
 * `since` up to `until` (the checkpoint when the event arrived), resumable.
 */
export interface CatchUpRow {
  eventId: string;
  since: number;
  until: number;
}

export const DB_NAME = 'seminar-desk';

export function openSeminarDb(name: string = DB_NAME): SeminarDb {
  // Strict: a transaction that resolved has reached the disk, so an outbox entry
  // the user was shown as saved survives a power cut (Chromium's default,
  // relaxed, may lose the last seconds). Measured to cost the pull little.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as SeminarDb;
  db.version(1).stores({
    themes: 'id, track',
    questions: 'id, track, theme',
    sessions: 'id, day',
    contributions: 'id, questionId, [questionId+language], [questionId+authorKind], language, status',
    texts: 'id',
    readState: 'id, starred',
    meta: 'key',
    outbox: '++seq, &mutationId',
  });
  db.version(2).stores({
    annotations: 'id, contributionId, authorId, updatedAt, pending',
    tags: 'id, order',
  });
  db.version(3).stores({ sent: '++seq, mutationId' });
  db.version(4).stores({ drafts: 'id, questionId, status, updatedAt' });
  db.version(5).stores({ searchQueue: '++seq' });
  db.version(6).stores({ syntheses: 'id, questionId', synthesisDocs: 'id' });
  // Events (issue 18): the device's events, their catch-ups, and what belongs to each.
  db.version(7).stores({
    events: 'id',
    catchUps: 'eventId',
    sessions: 'id, day, eventId',
    syntheses: 'id, questionId, eventId',
    annotations: 'id, contributionId, authorId, updatedAt, pending, eventId',
  });
  // Briefing materials (issue 21): their metadata and the state of each file's download.
  db.version(8).stores({ materials: 'id, ownerId', materialFiles: 'id, status' });
  // Notes on materials and the text of downloaded PDFs (issue 21).
  db.version(10).stores({ materialNotes: 'id, materialId, pending, eventId', materialTexts: 'id' });
  // Proceedings (issue 20): each event's whole record as the server last sent it (pending moves overlay it).
  db.version(11).stores({ proceedings: 'eventId' });
  // A published edition's units per language, for correcting a machine edition offline (issue 20).
  db.version(13).stores({ editionUnits: '[eventId+number+lang], eventId' });
  return db;
}

export const INITIAL_SYNC_META: SyncMeta = { epoch: null, checkpoint: 0, head: 0, lastPulledAt: null };
