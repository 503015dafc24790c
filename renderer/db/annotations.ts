import { currentEventId } from './events.js';
import type { LocalizedText } from '../../shared/languages.js';
import type { Annotation, AnnotationId, AnnotationTarget, TagId, Visibility } from '../../shared/model/annotations.js';
import type { ContributionId, Participant } from '../../shared/model/entities.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import type { AnnotationRow, SeminarDb, TagRow } from './database.js';
import { appendOutbox } from './outbox.js';

/**
 * Local annotation writes. Each one changes the row and appends its outbox
 * mutation in ONE transaction (offline rule 1), marks the row pending until
 * the server acknowledges it, and never removes anything: a delete leaves a
 * tombstone that can be undone.
 */

export interface AnnotationBody {
  note: string;
  tags: TagId[];
  visibility: Visibility;
}

/** The wire record inside a local row (what the server last said, when the row is not pending). */
export function serverRecord(row: AnnotationRow): Annotation {
  const { contributionId: _c, pending: _p, base: _b, conflict: _x, notice: _n, ...annotation } = row;
  return annotation;
}

export async function getMe(db: SeminarDb): Promise<Participant | undefined> {
  return (await db.meta.get('me'))?.value as Participant | undefined;
}

type MutationFields = Pick<
  Annotation,
  'id' | 'target' | 'note' | 'tags' | 'visibility' | 'createdAt' | 'updatedAt' | 'eventId'
>;

/** A put of what the user wrote, made on server version `baseVersion` (null: a creation). */
export function putMutation(a: MutationFields, baseVersion: number | null): Mutation {
  const { id, target, note, tags, visibility, createdAt, updatedAt, eventId } = a;
  return {
    id: crypto.randomUUID(),
    kind: 'annotation-put',
    baseVersion,
    // The event it was written in (issue 18): a note shared "with the seminar" is shared with that event.
    annotation: { id, target, note, tags, visibility, createdAt, updatedAt, ...(eventId ? { eventId } : {}) },
  };
}

/** A deletion made on server version `baseVersion`, dated by the record's own updatedAt. */
export function deleteMutation(a: Pick<Annotation, 'id' | 'updatedAt'>, baseVersion: number | null): Mutation {
  return {
    id: crypto.randomUUID(),
    kind: 'annotation-delete',
    baseVersion,
    annotationId: a.id,
    deletedAt: a.updatedAt,
  };
}

const baseOf = (row: AnnotationRow) => (row.version > 0 ? row.version : null);

export async function createAnnotation(
  db: SeminarDb,
  author: Participant,
  target: AnnotationTarget,
  body: AnnotationBody,
): Promise<AnnotationRow> {
  const now = new Date().toISOString();
  const eventId = await currentEventId(db);
  const row: AnnotationRow = {
    id: crypto.randomUUID() as AnnotationId,
    authorId: author.id,
    authorName: author.name,
    ...(eventId ? { eventId } : {}),
    target,
    contributionId: target.contributionId,
    ...body,
    createdAt: now,
    updatedAt: now,
    version: 0,
    deleted: false,
    pending: 1,
    base: null,
  };
  await db.transaction('rw', [db.annotations, db.outbox], async () => {
    await db.annotations.add(row);
    await appendOutbox(db, putMutation(row, baseOf(row)));
  });
  return row;
}

/** Applies `change` to one of the user's own annotations; refuses anyone else's. */
async function changeOwn(
  db: SeminarDb,
  author: Participant,
  id: AnnotationId,
  change: (row: AnnotationRow, now: string) => AnnotationRow,
  mutation: (row: AnnotationRow, previous: AnnotationRow) => Parameters<typeof appendOutbox>[1],
): Promise<AnnotationRow> {
  return db.transaction('rw', [db.annotations, db.outbox], async () => {
    const previous = await db.annotations.get(id);
    if (!previous) throw new Error(`annotation ${id} is not on this device`);
    if (previous.authorId !== author.id) throw new Error('only its author changes an annotation');
    // The first local change after a sync remembers the server's record it started from.
    const base = previous.pending === 1 ? (previous.base ?? null) : serverRecord(previous);
    const next = { ...change(previous, new Date().toISOString()), pending: 1 as const, base };
    await db.annotations.put(next);
    await appendOutbox(db, mutation(next, previous));
    return next;
  });
}

export function updateAnnotation(
  db: SeminarDb,
  author: Participant,
  id: AnnotationId,
  patch: Partial<AnnotationBody> & { target?: AnnotationTarget },
): Promise<AnnotationRow> {
  return changeOwn(
    db,
    author,
    id,
    (row, now) => ({ ...row, ...patch, contributionId: (patch.target ?? row.target).contributionId, updatedAt: now }),
    (row) => putMutation(row, baseOf(row)),
  );
}

export function deleteAnnotation(db: SeminarDb, author: Participant, id: AnnotationId): Promise<AnnotationRow> {
  return changeOwn(
    db,
    author,
    id,
    (row, now) => ({ ...row, deleted: true, updatedAt: now }),
    (row) => deleteMutation(row, baseOf(row)),
  );
}

/** Undo of a delete: the annotation comes back as it was, and the server is told so. */
export function restoreAnnotation(db: SeminarDb, author: Participant, id: AnnotationId): Promise<AnnotationRow> {
  return changeOwn(
    db,
    author,
    id,
    (row, now) => ({ ...row, deleted: false, updatedAt: now }),
    (row) => putMutation(row, baseOf(row)),
  );
}

/** Annotations on a contribution that this device may show (deleted ones stay stored, not listed). */
export async function annotationsFor(db: SeminarDb, contributionId: ContributionId): Promise<AnnotationRow[]> {
  const rows = await db.annotations.where('contributionId').equals(contributionId).toArray();
  return rows.filter((row) => !row.deleted).sort((a, b) => a.target.position.start - b.target.position.start);
}

/** Codebook: active tags and proposals, in codebook order. */
export async function listTags(db: SeminarDb): Promise<TagRow[]> {
  return db.tags.orderBy('order').toArray();
}

/** A new codebook entry proposed offline; usable on this device at once, synced later. */
export async function proposeTag(
  db: SeminarDb,
  author: Participant,
  label: LocalizedText,
  color: string,
): Promise<TagRow> {
  const id = `proposed-${crypto.randomUUID()}` as TagId;
  const last = await db.tags.orderBy('order').last();
  const row: TagRow = {
    id,
    label,
    color,
    status: 'proposed',
    proposedBy: author.id,
    order: (last?.order ?? 0) + 1,
    version: 1,
    pending: 1,
  };
  await db.transaction('rw', [db.tags, db.outbox], async () => {
    await db.tags.add(row);
    await appendOutbox(db, { id: crypto.randomUUID(), kind: 'tag-propose', tag: { id, label, color } });
  });
  return row;
}

/**
 * The author settles a note edited on two devices at once: `note` (one side, or
 * a text they merged by hand) is pushed on the server version the conflict was
 * found against.
 */
export async function resolveNoteConflict(
  db: SeminarDb,
  author: Participant,
  id: AnnotationId,
  note: string,
): Promise<AnnotationRow> {
  return db.transaction('rw', [db.annotations, db.outbox], async () => {
    const row = await db.annotations.get(id);
    if (!row?.conflict) throw new Error(`annotation ${id} has no conflict to resolve`);
    if (row.authorId !== author.id) throw new Error('only its author resolves a conflict');
    const next: AnnotationRow = { ...row, note, conflict: null, pending: 1, updatedAt: new Date().toISOString() };
    await db.annotations.put(next);
    const baseVersion = row.conflict.serverVersion;
    await appendOutbox(db, putMutation(next, baseVersion));
    // A deleted note stays deleted: the chosen text goes onto its tombstone (the
    // put restores it on the server, the deletion follows on the put's version).
    if (row.deleted) await appendOutbox(db, deleteMutation(next, baseVersion));
    return next;
  });
}

/** The author has read the notice about their edit kept over a deletion. */
export function dismissNotice(db: SeminarDb, id: AnnotationId): Promise<number> {
  return db.annotations.update(id, { notice: null });
}
