import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { AnnotationId, TagId, Visibility } from '../../shared/model/annotations.js';
import type { Participant, ParticipantId } from '../../shared/model/entities.js';
import type { MaterialNote, MaterialNoteTarget } from '../../shared/model/material-note.js';
import { materialNotePutMutation } from '../../shared/protocol/material-notes.js';
import { annotationIdSchema } from '../../shared/protocol/schemas.js';
import type { Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { toIso } from '../db/timestamps.js';
import { defaultEventOf, memberRoles } from '../events/event-store.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';
import { mayReadMaterial } from './material-access.js';
import { readMaterial } from './material-store.js';

/**
 * Notes on briefing materials (a PDF passage, a video's time range), kept by
 * the rules of annotations (annotations/annotation-store.ts): only the author
 * changes one, every write names the version it was made on and another
 * version is a conflict answered with the current record, a resend changes
 * nothing, a deletion keeps a tombstone, a note stays in the event it was
 * written in. Besides: the author must be allowed to read the material.
 */

export type MaterialNoteInput = z.input<typeof materialNotePutMutation>['note'];

const inputSchema = materialNotePutMutation.shape.note.extend({
  // Others' private notes reach every participant as `material-note-hidden` with their id: ids must say nothing.
  id: z.uuid('a note id is a random UUID') as unknown as z.ZodType<AnnotationId>,
});
const baseVersionSchema = z.number().int().min(1).nullable();

export interface MaterialNoteRow {
  id: string;
  author_id: string;
  author_name: string;
  material_id: string;
  target: MaterialNoteTarget;
  note: string;
  tags: string[];
  visibility: string;
  event_id: string | null;
  created_at: unknown;
  updated_at: unknown;
  version: number;
  deleted: boolean;
}

export function materialNoteFromRow(row: MaterialNoteRow): MaterialNote {
  return {
    id: row.id as AnnotationId,
    authorId: row.author_id as ParticipantId,
    authorName: row.author_name,
    target: row.target,
    note: row.note,
    tags: row.tags as TagId[],
    visibility: row.visibility as Visibility,
    eventId: row.event_id ?? null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: Number(row.version),
    deleted: row.deleted,
  };
}

/** Creates or edits the participant's note on a material, inside the caller's write transaction. */
export async function putMaterialNoteTx(
  tx: Queryable,
  participant: Participant,
  input: MaterialNoteInput,
  baseVersion: number | null,
): Promise<WriteOutcome<MaterialNote>> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const base = baseVersionSchema.safeParse(baseVersion);
  if (!base.success) return unchanged(invalid(base.error));
  const n = toStorable(parsed.data);
  const existing = await selectNote(tx, n.id);
  if (existing && existing.author_id !== participant.id)
    return unchanged(rejected('forbidden', 'only its author may change a note'));
  const material = await readMaterial(tx, n.target.materialId);
  // A material the author may not read is answered as one that does not exist: nothing to learn.
  if (!material || material.deleted || !(await mayReadMaterial(tx, participant.id, material.owner)))
    return unchanged(rejected('validation-failed', `target: unknown material ${JSON.stringify(n.target.materialId)}`));
  if (existing) {
    if (existing.material_id !== n.target.materialId)
      return unchanged(rejected('validation-failed', 'a note stays on the material it was written on'));
    if (n.eventId !== undefined && n.eventId !== null && n.eventId !== existing.event_id)
      return unchanged(rejected('validation-failed', 'a note stays in the event it was written in'));
    const current = materialNoteFromRow(existing);
    const same =
      !current.deleted &&
      isDeepStrictEqual(
        [current.target, current.note, current.tags, current.visibility],
        [n.target, n.note, n.tags, n.visibility],
      );
    if (same) return unchanged({ status: 'applied', record: current });
    if (base.data !== current.version) return unchanged({ status: 'conflict', current });
    // Editing a tombstone at its own version restores it: the author saw the deletion and chose to keep the note.
    const [row] = await tx.query<MaterialNoteRow>(
      `UPDATE material_notes SET author_name=$2, target=$3, note=$4, tags=$5, visibility=$6, updated_at=$7,
         version=version+1, deleted=false, seq=nextval('change_seq')
       WHERE id=$1 RETURNING *`,
      [n.id, participant.name, JSON.stringify(n.target), n.note, JSON.stringify(n.tags), n.visibility, n.updatedAt],
    );
    return { result: { status: 'applied', record: materialNoteFromRow(row!) }, changed: true };
  }
  // An event's material is annotated in that event: its notes never reach anyone who may not read it.
  const eventId =
    material.owner.kind === 'event'
      ? n.eventId && n.eventId !== material.owner.id
        ? rejected('validation-failed', "a note on an event's material is written in that event")
        : material.owner.id
      : await writeEvent(tx, participant, n.eventId);
  if (typeof eventId === 'object' && eventId !== null) return unchanged(eventId);
  // No server record: even with a baseVersion (a server rebuilt since), creating it keeps the author's note.
  const [row] = await tx.query<MaterialNoteRow>(
    `INSERT INTO material_notes (id, author_id, author_name, material_id, target, note, tags, visibility,
       event_id, created_at, updated_at, version, deleted, seq)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,false,nextval('change_seq')) RETURNING *`,
    [
      n.id,
      participant.id,
      participant.name,
      n.target.materialId,
      JSON.stringify(n.target),
      n.note,
      JSON.stringify(n.tags),
      n.visibility,
      eventId,
      n.createdAt,
      n.updatedAt,
    ],
  );
  return { result: { status: 'applied', record: materialNoteFromRow(row!) }, changed: true };
}

/** Deletes the participant's note, keeping a tombstone, inside the caller's write transaction. */
export async function deleteMaterialNoteTx(
  tx: Queryable,
  participant: Participant,
  id: string,
  baseVersion: number | null,
  deletedAt: string,
): Promise<WriteOutcome<MaterialNote>> {
  const parsed = z
    .object({ id: annotationIdSchema, baseVersion: baseVersionSchema, deletedAt: z.iso.datetime({ offset: true }) })
    .safeParse({ id, baseVersion, deletedAt });
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const existing = await selectNote(tx, id);
  if (!existing) return unchanged(rejected('not-found', `no note ${JSON.stringify(id)}`));
  if (existing.author_id !== participant.id)
    return unchanged(rejected('forbidden', 'only its author may delete a note'));
  const current = materialNoteFromRow(existing);
  if (current.deleted) return unchanged({ status: 'applied', record: current });
  if (baseVersion !== current.version) return unchanged({ status: 'conflict', current });
  const [row] = await tx.query<MaterialNoteRow>(
    `UPDATE material_notes SET deleted=true, updated_at=$2, version=version+1, seq=nextval('change_seq')
     WHERE id=$1 RETURNING *`,
    [id, deletedAt],
  );
  return { result: { status: 'applied', record: materialNoteFromRow(row!) }, changed: true };
}

/** The notes of one material that `participantId` may read (the export's and the API's view). */
export async function listMaterialNotes(db: Queryable, participantId: string): Promise<MaterialNote[]> {
  const rows = await db.query<MaterialNoteRow>(
    `SELECT * FROM material_notes WHERE NOT deleted AND (author_id = $1 OR (visibility = 'seminar' AND event_id IN
       (SELECT event_id FROM event_members WHERE participant_id = $1 AND removed_at IS NULL))) ORDER BY created_at, id`,
    [participantId],
  );
  return rows.map(materialNoteFromRow);
}

async function selectNote(tx: Queryable, id: string): Promise<MaterialNoteRow | undefined> {
  const [row] = await tx.query<MaterialNoteRow>('SELECT * FROM material_notes WHERE id = $1', [id]);
  return row;
}

/** The event a new note is written in: the one named (the author must be in it), else the author's latest. */
async function writeEvent(
  tx: Queryable,
  participant: Participant,
  requested: string | null | undefined,
): Promise<string | null | ReturnType<typeof rejected>> {
  if (requested === undefined || requested === null) return defaultEventOf(tx, participant);
  if (!(await memberRoles(tx, participant.id, requested)))
    return rejected('forbidden', `you are not a member of event ${JSON.stringify(requested)}`);
  return requested;
}
