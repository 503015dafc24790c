import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { annotationPutMutation } from '../../shared/protocol/mutations.js';
import { annotationIdSchema } from '../../shared/protocol/schemas.js';
import type { Annotation, AnnotationId, AnnotationTarget, TagId, Visibility } from '../../shared/model/annotations.js';
import type { ContributionId, Participant, ParticipantId } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import type { Database, Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { toIso } from '../db/timestamps.js';
import { defaultEventOf, memberRoles } from '../events/event-store.js';
import { commitWrite, invalid, rejected, unchanged, type WriteOutcome, type WriteResult } from '../write-result.js';

/**
 * Annotations as the server keeps them. The policy:
 * - only its author changes or deletes an annotation, from any of their devices;
 * - every write names the server version it was made on (`baseVersion`, null
 *   for a creation); any other version is a conflict answered with the current
 *   record, which the client merges or shows beside its own, so nothing is lost;
 * - resending a write that already applied changes nothing and answers applied;
 * - a deletion keeps the row as a tombstone, note included, and bumps the version;
 * - an annotation belongs to the event it was written in (named by the device,
 *   else the author's latest event), which the author must be a member of;
 *   it never moves to another event.
 */

/** What a device sends: everything but what the server decides (author, version, deletion). */
export type AnnotationInput = z.input<typeof annotationPutMutation>['annotation'];

const inputSchema = annotationPutMutation.shape.annotation.extend({
  // Others' private annotations reach every participant as `annotation-hidden` with
  // their id, so ids must say nothing: random UUIDs, as crypto.randomUUID() makes.
  id: z.uuid('an annotation id is a random UUID') as unknown as z.ZodType<AnnotationId>,
});
const baseVersionSchema = z.number().int().min(1).nullable();

export interface AnnotationRow {
  id: string;
  author_id: string;
  author_name: string;
  contribution_id: string;
  language: string;
  /** The target without contributionId and language, which have their own columns. */
  target: Omit<AnnotationTarget, 'contributionId' | 'language'>;
  note: string;
  tags: string[];
  visibility: string;
  event_id?: string | null;
  created_at: unknown;
  updated_at: unknown;
  version: number;
  deleted: boolean;
}

export function annotationFromRow(row: AnnotationRow): Annotation {
  return {
    id: row.id as AnnotationId,
    authorId: row.author_id as ParticipantId,
    authorName: row.author_name,
    target: {
      contributionId: row.contribution_id as ContributionId,
      language: row.language as Lang,
      sourceVersion: row.target.sourceVersion,
      textHash: row.target.textHash,
      quote: row.target.quote,
      position: row.target.position,
    },
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

/** Creates or edits the participant's annotation, in its own transaction. */
export function putAnnotation(
  db: Database,
  participant: Participant,
  input: AnnotationInput,
  baseVersion: number | null,
): Promise<WriteResult<Annotation>> {
  return commitWrite(db, (tx) => putAnnotationTx(tx, participant, input, baseVersion));
}

/** Deletes the participant's annotation, in its own transaction (see deleteAnnotationTx). */
export function deleteAnnotation(
  db: Database,
  participant: Participant,
  id: string,
  baseVersion: number | null,
  deletedAt: string = new Date().toISOString(),
): Promise<WriteResult<Annotation>> {
  return commitWrite(db, (tx) => deleteAnnotationTx(tx, participant, id, baseVersion, deletedAt));
}

/** putAnnotation inside the caller's write transaction (it takes seqs: see writeTransaction). */
export async function putAnnotationTx(
  tx: Queryable,
  participant: Participant,
  input: AnnotationInput,
  baseVersion: number | null,
  reads: AnnotationReads = readsOf(tx),
): Promise<WriteOutcome<Annotation>> {
  const decided = await decidePut(tx, participant, input, baseVersion, reads);
  return 'outcome' in decided ? decided.outcome : writeOne(tx, decided, reads);
}

/** One decided edit or creation, written. */
async function writeOne(
  tx: Queryable,
  decided: { edit: unknown[] } | { create: unknown[] },
  reads: AnnotationReads,
): Promise<WriteOutcome<Annotation>> {
  const [row] =
    'edit' in decided
      ? await tx.query<AnnotationRow>(
          `UPDATE annotations SET author_name=$2, contribution_id=$3, language=$4, target=$5, note=$6, tags=$7,
             visibility=$8, updated_at=$9, version=version+1, deleted=false, seq=nextval('change_seq')
           WHERE id=$1 RETURNING *`,
          decided.edit,
        )
      : await tx.query<AnnotationRow>(
          `INSERT INTO annotations (id, author_id, author_name, contribution_id, language, target, note, tags,
             visibility, created_at, updated_at, version, deleted, event_id, seq)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,false,$12,nextval('change_seq')) RETURNING *`,
          decided.create,
        );
  reads.written(row!);
  return { result: { status: 'applied', record: annotationFromRow(row!) }, changed: true };
}

/**
 * Several annotation puts of one participant, each on a different note, in
 * order: the edits of existing notes are written by one statement (a
 * device's batch of notes is mostly that), creations one by one. Answers
 * exactly as putAnnotationTx would, one after the other.
 */
export async function putAnnotationsTx(
  tx: Queryable,
  participant: Participant,
  puts: readonly { input: AnnotationInput; baseVersion: number | null }[],
  reads: AnnotationReads,
): Promise<WriteOutcome<Annotation>[]> {
  if (new Set(puts.map((p) => p.input.id)).size !== puts.length)
    throw new Error('putAnnotationsTx takes each note once: a second put of a note depends on the first');
  const outcomes: (WriteOutcome<Annotation> | undefined)[] = [];
  const edits: { at: number; params: unknown[] }[] = [];
  for (const [at, { input, baseVersion }] of puts.entries()) {
    const decided = await decidePut(tx, participant, input, baseVersion, reads);
    if ('edit' in decided) {
      edits.push({ at, params: decided.edit });
      outcomes.push(undefined);
    } else {
      outcomes.push('outcome' in decided ? decided.outcome : await writeOne(tx, decided, reads));
    }
  }
  if (edits.length) {
    // One column of values per UPDATE parameter, in putAnnotationTx's order ($1 id … $9 updated_at).
    const column = (i: number) => edits.map((e) => e.params[i]);
    const rows = await tx.query<AnnotationRow>(
      `UPDATE annotations a SET author_name=v.author_name, contribution_id=v.contribution_id, language=v.language,
         target=v.target::jsonb, note=v.note, tags=v.tags::jsonb, visibility=v.visibility,
         updated_at=v.updated_at::timestamptz, version=a.version+1, deleted=false, seq=nextval('change_seq')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[]) AS v(id, author_name, contribution_id, language, target, note, tags, visibility, updated_at)
       WHERE a.id = v.id RETURNING a.*`,
      Array.from({ length: 9 }, (_, i) => column(i)),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { at, params } of edits) {
      const row = byId.get(params[0] as string);
      if (!row) throw new Error(`annotation ${String(params[0])} was not updated`);
      reads.written(row);
      outcomes[at] = { result: { status: 'applied', record: annotationFromRow(row) }, changed: true };
    }
  }
  return outcomes as WriteOutcome<Annotation>[];
}

/** What a put comes to: an answer without a write, or the parameters of the edit or the creation to write. */
async function decidePut(
  tx: Queryable,
  participant: Participant,
  input: AnnotationInput,
  baseVersion: number | null,
  reads: AnnotationReads,
): Promise<{ outcome: WriteOutcome<Annotation> } | { edit: unknown[] } | { create: unknown[] }> {
  const done = (outcome: WriteOutcome<Annotation>) => ({ outcome });
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return done(unchanged(invalid(parsed.error)));
  const base = baseVersionSchema.safeParse(baseVersion);
  if (!base.success) return done(unchanged(invalid(base.error)));
  const a = toStorable(parsed.data);
  const existing = await reads.annotation(a.id);
  if (existing && existing.author_id !== participant.id)
    return done(unchanged(rejected('forbidden', 'only its author may change an annotation')));
  const targetProblem = await reads.targetProblem(a.target);
  if (targetProblem) return done(unchanged(rejected('validation-failed', targetProblem)));
  const eventId = existing ? (existing.event_id ?? null) : await writeEvent(tx, participant, a.eventId);
  if (typeof eventId === 'object' && eventId !== null) return done(unchanged(eventId));
  if (existing && a.eventId !== undefined && a.eventId !== null && a.eventId !== existing.event_id)
    return done(unchanged(rejected('validation-failed', 'an annotation stays in the event it was written in')));
  const { contributionId, language, ...rest } = a.target;
  if (existing) {
    const current = annotationFromRow(existing);
    const same =
      !current.deleted &&
      isDeepStrictEqual(
        [current.target, current.note, current.tags, current.visibility],
        [a.target, a.note, a.tags, a.visibility],
      );
    if (same) return done(unchanged({ status: 'applied', record: current }));
    if (base.data !== current.version) return done(unchanged({ status: 'conflict', current }));
    // Editing a tombstone at its own version restores it: the author saw the deletion and chose to keep the note.
    return {
      edit: [
        a.id,
        participant.name,
        contributionId,
        language,
        JSON.stringify(rest),
        a.note,
        JSON.stringify(a.tags),
        a.visibility,
        a.updatedAt,
      ],
    };
  }
  // No server record: even with a baseVersion (a server rebuilt since), creating it keeps the author's note.
  return {
    create: [
      a.id,
      participant.id,
      participant.name,
      contributionId,
      language,
      JSON.stringify(rest),
      a.note,
      JSON.stringify(a.tags),
      a.visibility,
      a.createdAt,
      a.updatedAt,
      eventId,
    ],
  };
}

/**
 * The event a new annotation is written in: the one the device names, which
 * the author must be in (an event they are not in is refused as one that
 * does not exist: nothing to learn), else the author's latest event, else
 * none (a note outside any event is its author's alone, whatever its visibility).
 */
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

/**
 * Deletes the participant's annotation, keeping it as a tombstone (deleted,
 * note kept, version bumped), inside the caller's write transaction.
 */
export async function deleteAnnotationTx(
  tx: Queryable,
  participant: Participant,
  id: string,
  baseVersion: number | null,
  deletedAt: string,
  reads: AnnotationReads = readsOf(tx),
): Promise<WriteOutcome<Annotation>> {
  const parsed = z
    .object({ id: annotationIdSchema, baseVersion: baseVersionSchema, deletedAt: z.iso.datetime({ offset: true }) })
    .safeParse({ id, baseVersion, deletedAt });
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const existing = await reads.annotation(id);
  if (!existing) return unchanged(rejected('not-found', `no annotation ${JSON.stringify(id)}`));
  if (existing.author_id !== participant.id)
    return unchanged(rejected('forbidden', 'only its author may delete an annotation'));
  const current = annotationFromRow(existing);
  // A deletion that meets a deletion is done, whichever version it was made on.
  if (current.deleted) return unchanged({ status: 'applied', record: current });
  if (baseVersion !== current.version) return unchanged({ status: 'conflict', current });
  const [row] = await tx.query<AnnotationRow>(
    `UPDATE annotations SET deleted=true, updated_at=$2, version=version+1, seq=nextval('change_seq')
     WHERE id=$1 RETURNING *`,
    [id, deletedAt],
  );
  reads.written(row!);
  return { result: { status: 'applied', record: annotationFromRow(row!) }, changed: true };
}

/**
 * What an annotation write reads before it writes: asked of the database one
 * row at a time (readsOf), or read ahead for a whole batch (readAhead).
 */
export interface AnnotationReads {
  annotation(id: string): Promise<AnnotationRow | undefined>;
  /** Why the target cannot be annotated (an unknown contribution, a language it lacks), or undefined. */
  targetProblem(target: AnnotationTarget): Promise<string | undefined>;
  /** The row a write left: the batch's later mutations read it. */
  written(row: AnnotationRow): void;
}

export function readsOf(tx: Queryable): AnnotationReads {
  return {
    async annotation(id) {
      const [row] = await tx.query<AnnotationRow>('SELECT * FROM annotations WHERE id = $1', [id]);
      return row;
    },
    async targetProblem(target) {
      const [row] = await tx.query<{ languages: string[] }>(
        `SELECT ARRAY(SELECT t.language FROM text_versions t WHERE t.contribution_id = c.id) AS languages
         FROM contributions c WHERE c.id = $1`,
        [target.contributionId],
      );
      return targetProblem(target, row && new Set(row.languages));
    },
    written() {},
  };
}

/** `languages`: the texts the target's contribution has, or undefined when there is no such contribution. */
function targetProblem(target: AnnotationTarget, languages: Set<string> | undefined): string | undefined {
  if (!languages) return `target: unknown contribution ${JSON.stringify(target.contributionId)}`;
  if (!languages.has(target.language))
    return `target: contribution ${target.contributionId} has no text in ${target.language}`;
  return undefined;
}

/**
 * The reads of a batch of annotation writes in two queries, whatever its
 * size: the annotations it names and the languages of the contributions it
 * targets. Valid while nothing but this batch's own writes (told through
 * `written`) changes annotations, contributions or their texts: the push
 * reads ahead only for a group made of annotation writes alone, inside its
 * write transaction.
 */
export async function readAhead(
  tx: Queryable,
  ids: readonly string[],
  contributionIds: readonly string[],
): Promise<AnnotationReads> {
  const [rows, texts] = await Promise.all([
    tx.query<AnnotationRow>('SELECT * FROM annotations WHERE id = ANY($1::text[])', [[...new Set(ids)]]),
    tx.query<{ id: string; languages: string[] }>(
      `SELECT c.id, ARRAY(SELECT t.language FROM text_versions t WHERE t.contribution_id = c.id) AS languages
       FROM contributions c WHERE c.id = ANY($1::text[])`,
      [[...new Set(contributionIds)]],
    ),
  ]);
  const annotations = new Map(rows.map((r) => [r.id, r]));
  const languages = new Map(texts.map((r) => [r.id, new Set(r.languages)]));
  const direct = readsOf(tx);
  const read = new Set(ids);
  const targeted = new Set(contributionIds);
  return {
    annotation: async (id) => (read.has(id) ? annotations.get(id) : direct.annotation(id)),
    targetProblem: async (target) =>
      targeted.has(target.contributionId)
        ? targetProblem(target, languages.get(target.contributionId))
        : direct.targetProblem(target),
    written(row) {
      annotations.set(row.id, row);
      read.add(row.id);
    },
  };
}
