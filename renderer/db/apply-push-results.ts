import { mergeAnnotation, sameUserFields } from '../../shared/merge/index.js';
import type { Annotation } from '../../shared/model/annotations.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import type { PushResult, PushedRecord } from '../../shared/protocol/push.js';
import { deleteMutation, putMutation, serverRecord } from './annotations.js';
import type { AnnotationRow, OutboxRow, SeminarDb } from './database.js';
import { applyContributionResult } from './drafts.js';
import { appendOutbox } from './outbox.js';
import { editionUnitApplied } from './edition-corrections.js';
import { materialNoteApplied, materialNoteConflict } from './material-notes.js';

export interface PushSummary {
  applied: number;
  conflicts: number;
  rejected: number;
}

const SENT_LOG_SIZE = 200;

function annotationIdOf(mutation: Mutation): string | null {
  if (mutation.kind === 'annotation-put') return mutation.annotation.id;
  if (mutation.kind === 'annotation-delete') return mutation.annotationId;
  return null;
}

function toRow(annotation: Annotation, extra: Partial<AnnotationRow> = {}): AnnotationRow {
  return { ...annotation, contributionId: annotation.target.contributionId, pending: 0, base: null, ...extra };
}

/**
 * The mutations that bring the server from `server` to `annotation`, made on
 * server version `baseVersion`. A tombstone whose fields changed (words written
 * before the deletion) is a put of those fields, then the deletion: the delete
 * mutation carries no fields, and the words must reach the server's tombstone.
 */
function mutationsFor(annotation: Annotation, server: Annotation, baseVersion: number): Mutation[] {
  if (!annotation.deleted) return [putMutation(annotation, baseVersion)];
  const remove = deleteMutation(annotation, baseVersion);
  return sameUserFields(annotation, server) ? [remove] : [putMutation(annotation, baseVersion), remove];
}

/**
 * Applies the server's answers to the outbox and the local records, all in ONE
 * transaction, so an app killed half-way resends the batch and gets the same
 * answers (the server applies each mutation id once).
 *
 * - applied: the outbox entry goes; the local row becomes the server's record,
 *   unless later local changes of the same note are still queued: those are
 *   re-based on the new server version, since they were made on top of it;
 * - conflict: merged three ways (shared/merge) against the base the row kept; a
 *   clean merge is queued again on the server's version, a note edited on both
 *   sides keeps both texts on the row for its author to resolve;
 * - rejected: kept in the outbox with the reason, shown until dismissed.
 */
export async function applyPushResults(
  db: SeminarDb,
  sent: readonly OutboxRow[],
  results: readonly PushResult[],
): Promise<PushSummary> {
  const summary: PushSummary = { applied: 0, conflicts: 0, rejected: 0 };
  const tables = [
    db.outbox,
    db.annotations,
    db.tags,
    db.sent,
    db.drafts,
    db.contributions,
    db.texts,
    db.searchQueue,
    db.syntheses,
    db.readState,
    db.materialNotes,
    db.proceedings,
    db.editionUnits,
  ];
  await db.transaction('rw', tables, async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < results.length; i++) {
      const result = results[i]!;
      const entry = sent[i]!;
      if (result.status === 'rejected') {
        summary.rejected += 1;
        await db.outbox.update(entry.seq!, { rejected: { reason: result.reason, message: result.message } });
        if (entry.mutation.kind === 'contribution-put')
          await applyContributionResult(db, entry.mutation.contribution.id, result);
        continue;
      }
      await db.outbox.delete(entry.seq!);
      await db.sent.add({ mutationId: entry.mutationId, kind: entry.kind, ackedAt: now });
      if (result.status === 'applied') {
        summary.applied += 1;
        await applyRecord(db, result.record, entry.mutation);
      } else {
        summary.conflicts += 1;
        await resolveConflict(db, result.current, entry.mutation);
      }
    }
    const excess = (await db.sent.count()) - SENT_LOG_SIZE;
    if (excess > 0) await db.sent.orderBy('seq').limit(excess).delete();
  });
  return summary;
}

async function laterChanges(db: SeminarDb, annotationId: string): Promise<OutboxRow[]> {
  const rows = await db.outbox.orderBy('seq').toArray();
  return rows.filter((row) => !row.rejected && annotationIdOf(row.mutation) === annotationId);
}

async function applyRecord(db: SeminarDb, record: PushedRecord, sent: Mutation): Promise<void> {
  if (record.kind === 'tag') {
    await db.tags.put({ ...record.tag, pending: 0 });
    return;
  }
  if (record.kind === 'read-state') {
    // The server's marks hold the other flag as other devices left it; a later local mark still queued is newer.
    const { contributionId: id, read, starred, updatedAt } = record.readState;
    const queued = await db.outbox
      .filter((row) => row.mutation.kind === 'read-state' && row.mutation.contributionId === id)
      .count();
    if (queued === 0) await db.readState.put({ id, read, starred, updatedAt });
    return;
  }
  // The stored update comes back by the pull, which merges it (idempotently) like any other.
  if (record.kind === 'synthesis-update') return;
  if (record.kind === 'synthesis') {
    await db.syntheses.put(record.synthesis);
    return;
  }
  if (record.kind === 'proceedings') {
    await db.proceedings.put(record.proceedings);
    return;
  }
  if (record.kind === 'edition-unit') {
    await editionUnitApplied(db, record);
    return;
  }
  if (record.kind === 'contribution') {
    const { contribution } = record;
    await applyContributionResult(db, contribution.id, { status: 'applied', contribution });
    return;
  }
  if (record.kind === 'material-note') {
    await materialNoteApplied(db, record.note);
    return;
  }
  const annotation = record.annotation;
  const queued = await laterChanges(db, annotation.id);
  const local = await db.annotations.get(annotation.id);
  if (queued.length === 0) {
    const notice = local?.notice ?? null;
    if (local?.conflict) {
      // A change made before resolving a note conflict (an edit, a deletion) leaves the conflict open: the row
      // stays pending, or the next pull would overwrite it and drop the other text; the resolution is pushed
      // on the version that now holds that change.
      const conflict = { ...local.conflict, serverVersion: annotation.version };
      await db.annotations.put({ ...toRow(annotation, { notice, conflict }), pending: 1, base: annotation });
      return;
    }
    await db.annotations.put(toRow(annotation, { notice, conflict: null }));
    return;
  }
  const expected = local ? expectedAfter(local, sent) : null;
  if (local && expected && !sameState(expected, annotation)) {
    // The server answered `applied` with more than this device sent: a deletion that met a deletion comes back
    // with the tombstone another device left, words included. The later changes here were made without those
    // words, so they are not re-based onto this version (a put of them would overwrite the words); they are
    // merged with it three ways, against what this device held once its own mutation was applied.
    await db.annotations.put({ ...local, base: expected });
    await resolveConflict(db, record, sent);
    return;
  }
  // Later offline edits were made on top of what the server now holds.
  for (const row of queued) {
    if (row.mutation.kind === 'annotation-put' || row.mutation.kind === 'annotation-delete') {
      await db.outbox.update(row.seq!, { mutation: { ...row.mutation, baseVersion: annotation.version } });
    }
  }
  if (local) await db.annotations.put({ ...local, version: annotation.version, base: annotation });
}

/**
 * What the device held right after `sent` applied on the record it was made on (the row's base: the server's
 * record before it, acknowledged changes included); null where that record is unknown.
 */
function expectedAfter(row: AnnotationRow, sent: Mutation): Annotation | null {
  const base = row.base;
  if (!base) return null;
  if (sent.kind === 'annotation-put') return { ...base, ...sent.annotation, deleted: false };
  if (sent.kind === 'annotation-delete') return { ...base, deleted: true };
  return null;
}

/** The fields a user writes and the deletion flag, alike. */
function sameState(a: Annotation, b: Annotation): boolean {
  return a.deleted === b.deleted && sameUserFields(a, b);
}

async function resolveConflict(db: SeminarDb, current: PushedRecord, sent: Mutation): Promise<void> {
  if (current.kind === 'tag') {
    // An id already taken: the server's tag stands, and notes keep pointing at that id.
    await db.tags.put({ ...current.tag, pending: 0 });
    return;
  }
  if (current.kind === 'contribution') {
    const { contribution } = current;
    await applyContributionResult(db, contribution.id, { status: 'conflict', contribution });
    return;
  }
  if (current.kind === 'material-note') {
    await materialNoteConflict(db, current.note, sent);
    return;
  }
  if (current.kind === 'proceedings') {
    // A move made from a state someone else had already left: the server's state stands, shown as it is.
    await db.proceedings.put(current.proceedings);
    return;
  }
  if (current.kind !== 'annotation') return;
  const server = current.annotation;
  const row = await db.annotations.get(server.id);
  // No local row: the database lost it and the journal replayed the mutation. The
  // mutation still carries what was written; it is merged with no base, which
  // keeps both texts where they differ.
  const local: Annotation | null = row
    ? serverRecord(row)
    : sent.kind === 'annotation-put'
      ? { ...server, ...sent.annotation }
      : null;
  if (!local) {
    await db.annotations.put(toRow(server));
    return;
  }
  const outcome = mergeAnnotation(row ? (row.base ?? null) : null, local, server);
  const queued = await laterChanges(db, server.id);
  // Later queued changes of this note are folded into the merged state already.
  for (const row of queued) await db.outbox.delete(row.seq!);
  const notice = outcome.keptEditOverDelete ? ('kept-edit-over-delete' as const) : (row?.notice ?? null);
  // A conflict still open on the row (the author changed the note again instead of resolving it) stays
  // open, now against this server version: dropping it would drop the text only it holds.
  const open = row?.conflict ? { ...row.conflict, serverVersion: server.version } : null;
  if (outcome.noteConflict) {
    const found = outcome.noteConflict;
    // Two open conflicts: the older one's own text goes with the new local one, so none of the author's texts is lost.
    const local =
      open && open.local !== found.local && open.local !== found.server
        ? `${open.local}\n\n${found.local}`
        : found.local;
    await db.annotations.put({
      ...outcome.annotation,
      contributionId: server.target.contributionId,
      pending: 1,
      base: server,
      conflict: { ...found, local, serverVersion: server.version },
      notice,
    });
    return;
  }
  if (!outcome.changedFromServer) {
    await db.annotations.put(
      open ? { ...toRow(server, { notice, conflict: open }), pending: 1, base: server } : toRow(server, { notice }),
    );
    return;
  }
  await db.annotations.put({
    ...outcome.annotation,
    contributionId: server.target.contributionId,
    pending: 1,
    base: server,
    conflict: open,
    notice,
  });
  // The deletion is rebased onto the put's version when the put is acknowledged (applyRecord).
  for (const mutation of mutationsFor(outcome.annotation, server, server.version)) await appendOutbox(db, mutation);
}
