import { mergeAnnotation } from '../../shared/merge/index.js';
import type { AnnotationId } from '../../shared/model/annotations.js';
import type { Participant } from '../../shared/model/entities.js';
import type { MaterialId } from '../../shared/model/material.js';
import type { MaterialNote, MaterialNoteTarget } from '../../shared/model/material-note.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import type { AnnotationBody } from './annotations.js';
import type { MaterialNoteRow, OutboxRow, SeminarDb } from './database.js';
import { currentEventId } from './events.js';
import { appendOutbox } from './outbox.js';

/**
 * Notes on materials on this device: written like annotations
 * (db/annotations.ts), one transaction for the row and its outbox mutation,
 * pending until acknowledged, deletions kept as tombstones; and applied from
 * pulls and push answers here, so the sync engine only hands records over.
 */

const baseOf = (row: MaterialNote) => (row.version > 0 ? row.version : null);

/** The wire record inside a local row. */
export function noteRecord(row: MaterialNoteRow): MaterialNote {
  const { materialId: _m, pending: _p, base: _b, ...note } = row;
  return note;
}

function putMutation(n: MaterialNote, baseVersion: number | null): Mutation {
  const { id, target, note, tags, visibility, createdAt, updatedAt, eventId } = n;
  return {
    id: crypto.randomUUID(),
    kind: 'material-note-put',
    baseVersion,
    note: { id, target, note, tags, visibility, createdAt, updatedAt, ...(eventId ? { eventId } : {}) },
  };
}

function deleteMutation(n: MaterialNote, baseVersion: number | null): Mutation {
  return { id: crypto.randomUUID(), kind: 'material-note-delete', baseVersion, noteId: n.id, deletedAt: n.updatedAt };
}

export async function createMaterialNote(
  db: SeminarDb,
  author: Participant,
  target: MaterialNoteTarget,
  body: AnnotationBody,
): Promise<MaterialNoteRow> {
  const now = new Date().toISOString();
  const eventId = await currentEventId(db);
  const row: MaterialNoteRow = {
    id: crypto.randomUUID() as AnnotationId,
    authorId: author.id,
    authorName: author.name,
    ...(eventId ? { eventId } : {}),
    target,
    materialId: target.materialId,
    ...body,
    createdAt: now,
    updatedAt: now,
    version: 0,
    deleted: false,
    pending: 1,
    base: null,
  };
  await db.transaction('rw', [db.materialNotes, db.outbox], async () => {
    await db.materialNotes.add(row);
    await appendOutbox(db, putMutation(row, null));
  });
  return row;
}

async function changeOwn(
  db: SeminarDb,
  author: Participant,
  id: AnnotationId,
  change: (row: MaterialNoteRow, now: string) => MaterialNoteRow,
  mutation: (row: MaterialNoteRow) => Mutation,
): Promise<MaterialNoteRow> {
  return db.transaction('rw', [db.materialNotes, db.outbox], async () => {
    const previous = await db.materialNotes.get(id);
    if (!previous) throw new Error(`note ${id} is not on this device`);
    if (previous.authorId !== author.id) throw new Error('only its author changes a note');
    const base = previous.pending === 1 ? previous.base : noteRecord(previous);
    const next: MaterialNoteRow = { ...change(previous, new Date().toISOString()), pending: 1, base };
    await db.materialNotes.put(next);
    await appendOutbox(db, mutation(next));
    return next;
  });
}

export function updateMaterialNote(
  db: SeminarDb,
  author: Participant,
  id: AnnotationId,
  patch: Partial<AnnotationBody> & { target?: MaterialNoteTarget },
): Promise<MaterialNoteRow> {
  return changeOwn(
    db,
    author,
    id,
    (row, now) => ({ ...row, ...patch, updatedAt: now }),
    (row) => putMutation(row, baseOf(row)),
  );
}

export function deleteMaterialNote(db: SeminarDb, author: Participant, id: AnnotationId): Promise<MaterialNoteRow> {
  return changeOwn(
    db,
    author,
    id,
    (row, now) => ({ ...row, deleted: true, updatedAt: now }),
    (row) => deleteMutation(row, baseOf(row)),
  );
}

/** The live notes on one material, in reading order (page and offset, or time). */
export async function notesOn(db: SeminarDb, materialId: MaterialId): Promise<MaterialNoteRow[]> {
  const rows = await db.materialNotes.where('materialId').equals(materialId).toArray();
  return rows.filter((row) => !row.deleted).sort((a, b) => orderKey(a.target) - orderKey(b.target));
}

const orderKey = (t: MaterialNoteTarget) => (t.kind === 'pdf' ? t.page * 1e7 + t.position.start : t.start);

/**
 * A pull's notes: a row with a local change not yet acknowledged is never
 * overwritten (the push settles it); hidden ones are another's notes turned
 * private, so they go.
 */
export async function applyPulledMaterialNotes(
  db: SeminarDb,
  notes: Map<string, MaterialNote>,
  hidden: Set<string>,
): Promise<void> {
  const ids = [...notes.keys(), ...hidden];
  if (!ids.length) return;
  const local = new Map(
    (await db.materialNotes.bulkGet(ids as AnnotationId[])).flatMap((r) => (r ? [[r.id as string, r]] : [])),
  );
  const rows: MaterialNoteRow[] = [];
  for (const n of notes.values())
    if (local.get(n.id)?.pending !== 1) rows.push({ ...n, materialId: n.target.materialId, pending: 0, base: null });
  const gone = [...hidden].filter((id) => local.get(id)?.pending !== 1);
  if (rows.length) await db.materialNotes.bulkPut(rows);
  if (gone.length) await db.materialNotes.bulkDelete(gone as AnnotationId[]);
}

const noteIdOf = (m: Mutation) =>
  m.kind === 'material-note-put' ? m.note.id : m.kind === 'material-note-delete' ? m.noteId : null;

async function laterChanges(db: SeminarDb, id: string): Promise<OutboxRow[]> {
  const rows = await db.outbox.orderBy('seq').toArray();
  return rows.filter((row) => !row.rejected && noteIdOf(row.mutation) === id);
}

/**
 * The server applied a mutation of this note: the row becomes the server's
 * record, unless later local changes are still queued, which are re-based on
 * the new version (they were made on top of it). Runs inside the push
 * answer's transaction (db/apply-push-results.ts).
 */
export async function materialNoteApplied(db: SeminarDb, server: MaterialNote): Promise<void> {
  const queued = await laterChanges(db, server.id);
  const local = await db.materialNotes.get(server.id);
  if (queued.length === 0) {
    await db.materialNotes.put({ ...server, materialId: server.target.materialId, pending: 0, base: null });
    return;
  }
  for (const row of queued)
    await db.outbox.update(row.seq!, { mutation: { ...row.mutation, baseVersion: server.version } as Mutation });
  if (local) await db.materialNotes.put({ ...local, version: server.version, base: server });
}

/**
 * The server holds another version: merged three ways against the base the
 * row kept (shared/merge, as annotations). Where both sides rewrote the note's
 * text in the same place, both texts are kept, the server's first: nothing
 * written is lost, and the author edits the joined text as they like.
 */
export async function materialNoteConflict(db: SeminarDb, server: MaterialNote, sent: Mutation): Promise<void> {
  const row = await db.materialNotes.get(server.id);
  const local: MaterialNote | null = row
    ? noteRecord(row)
    : sent.kind === 'material-note-put'
      ? { ...server, ...sent.note }
      : null;
  if (!local) {
    await db.materialNotes.put({ ...server, materialId: server.target.materialId, pending: 0, base: null });
    return;
  }
  const outcome = mergeAnnotation<MaterialNote>(row?.base ?? null, local, server);
  for (const queued of await laterChanges(db, server.id)) await db.outbox.delete(queued.seq!);
  const merged: MaterialNote = outcome.noteConflict
    ? { ...outcome.annotation, note: `${outcome.noteConflict.server}\n\n${outcome.noteConflict.local}` }
    : outcome.annotation;
  if (!outcome.noteConflict && !outcome.changedFromServer) {
    await db.materialNotes.put({ ...server, materialId: server.target.materialId, pending: 0, base: null });
    return;
  }
  await db.materialNotes.put({ ...merged, materialId: server.target.materialId, pending: 1, base: server });
  if (!merged.deleted) await appendOutbox(db, putMutation(merged, server.version));
  else {
    // Words written before a deletion reach the server's tombstone first, then the deletion (rebased when acknowledged).
    if (merged.note !== server.note) await appendOutbox(db, putMutation({ ...merged, deleted: false }, server.version));
    await appendOutbox(db, deleteMutation(merged, server.version));
  }
}
