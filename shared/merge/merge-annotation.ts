import type { Annotation } from '../model/annotations.js';
import { mergeScalar, sameJson } from './merge-scalar.js';
import { mergeTags } from './merge-tags.js';
import { mergeText, type TextConflict } from './merge-text.js';

/**
 * How a local edit meets the server's current record after a push answered
 * "conflict". Three-way, against `base`: the server record the local edit
 * started from (null when the device never had one, e.g. a creation).
 *
 * | field                          | rule                                                          |
 * |--------------------------------|---------------------------------------------------------------|
 * | note                           | mergeText; overlapping edits: noteConflict (see below)        |
 * | tags                           | mergeTags: a set, with the additions and removals of both     |
 * | visibility, target             | mergeScalar: the server's when both changed                   |
 * | id, author, createdAt, version | the server's: it owns them                                    |
 * | deleted                        | applies, unless the other side edited: the edit wins (flag);  |
 * |                                | a tombstone keeps the merged fields (words written before it) |
 * | updatedAt                      | carried, never compared: the local one when a push is needed  |
 *
 * The target moves as one value: its quote, position, text hash and source
 * version describe one anchoring, and mixing two would point nowhere.
 *
 * A note conflict keeps the server's note on the record, the text other
 * devices already show, so nothing is pushed over it before the author picks;
 * the local text is in noteConflict.local, never dropped.
 *
 * No field compares clocks: createdAt and updatedAt are client-stamped and may
 * be days off, so only the base and the server's version order decide.
 */

declare const merged: unique symbol;
/** What the merge reads of a note: an annotation of a contribution, or a note on a material (any target). */
export type MergeableNote = Omit<Annotation, 'target'> & { target: unknown };
/** A record made by mergeAnnotation: its version is the server's, ready to be pushed on it. */
export type MergedAnnotation<A extends MergeableNote = Annotation> = A & { readonly [merged]: true };

export interface MergeOutcome<A extends MergeableNote = Annotation> {
  /** What the device holds next; `version` is the server's, the version a push is made on. */
  annotation: MergedAnnotation<A>;
  /** Both notes, when they were edited in overlapping places: the author resolves it. */
  noteConflict: TextConflict | null;
  /** One side deleted the annotation while the other edited it: the edit was kept; tell the author. */
  keptEditOverDelete: boolean;
  /** The merged record differs from the server's: it still has to be pushed. */
  changedFromServer: boolean;
}

export function mergeAnnotation<A extends MergeableNote>(base: A | null, local: A, server: A): MergeOutcome<A> {
  if (local.id !== server.id || (base !== null && base.id !== server.id))
    throw new Error(`mergeAnnotation: records of different annotations (${local.id}, ${server.id})`);

  // The fields merge as if both sides were live, so that words written before a
  // deletion stay on the tombstone (an undo or a later restore brings them back);
  // then the deletion rule decides whether the merged record is live.
  // A deletion with no base (a journal replay) says nothing of the fields it had: the server's stand.
  const mine = local.deleted && base === null ? server : local;
  const note = mergeText(base?.note ?? '', mine.note, server.note);
  const fields: A = {
    ...server,
    note: note.status === 'merged' ? note.text : server.note,
    tags: mergeTags(base?.tags ?? [], mine.tags, server.tags),
    // Without a base, both sides count as changed: the server's value stands.
    visibility: base ? mergeScalar(base.visibility, mine.visibility, server.visibility) : server.visibility,
    target: base ? mergeScalar(base.target, mine.target, server.target, sameJson) : server.target,
  };
  const noteConflict = note.status === 'conflict' ? { base: note.base, local: note.local, server: note.server } : null;
  let deleted: boolean;
  let keptEditOverDelete = false;
  if (local.deleted && server.deleted) deleted = true;
  else if (local.deleted) {
    // The server's side is kept if it edited (or restored) the note since the base.
    deleted = !editedSince(base, server);
    keptEditOverDelete = !deleted && newlyDeleted(base);
  } else if (server.deleted) {
    deleted = !editedSince(base, local);
    keptEditOverDelete = !deleted && newlyDeleted(base);
  } else deleted = false;
  return outcome({ ...fields, deleted }, local, server, { noteConflict, keptEditOverDelete });
}

function outcome<A extends MergeableNote>(
  annotation: A,
  local: A,
  server: A,
  extra: Partial<Pick<MergeOutcome<A>, 'noteConflict' | 'keptEditOverDelete'>> = {},
): MergeOutcome<A> {
  const changedFromServer = !sameContent(annotation, server);
  const result = {
    ...annotation,
    version: server.version,
    updatedAt: changedFromServer ? local.updatedAt : server.updatedAt,
  } as MergedAnnotation<A>;
  return {
    annotation: result,
    noteConflict: extra.noteConflict ?? null,
    keptEditOverDelete: extra.keptEditOverDelete ?? false,
    changedFromServer,
  };
}

/** Whether the base was live, so that a deletion on the other side is news to this one. */
function newlyDeleted(base: MergeableNote | null): boolean {
  return !base?.deleted;
}

/** Whether a live `side` changed what the user wrote since the base (restoring a deleted base counts). */
function editedSince(base: MergeableNote | null, side: MergeableNote): boolean {
  return base === null || !sameContent(base, side);
}

/** The fields a user writes (note, tags, visibility, target), whether the records are deleted or not. */
export function sameUserFields(a: MergeableNote, b: MergeableNote): boolean {
  return sameContent({ ...a, deleted: false }, { ...b, deleted: false });
}

/** What a user writes, compared: tags as a set, the target as one value. */
function sameContent(a: MergeableNote, b: MergeableNote): boolean {
  return (
    a.deleted === b.deleted &&
    a.note === b.note &&
    a.visibility === b.visibility &&
    sameSet(a.tags, b.tags) &&
    sameJson(a.target, b.target)
  );
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  return inA.size === inB.size && [...inA].every((item) => inB.has(item));
}
