import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { tagProposeMutation } from '../../shared/protocol/mutations.js';
import { LIMITS, localizedTextSchema, tagColorSchema, tagIdSchema } from '../../shared/protocol/schemas.js';
import type { Tag, TagId, TagStatus } from '../../shared/model/annotations.js';
import type { Participant, ParticipantId } from '../../shared/model/entities.js';
import type { LocalizedText } from '../../shared/languages.js';
import type { Database, Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { commitWrite, invalid, rejected, unchanged, type WriteOutcome, type WriteResult } from '../write-result.js';

/**
 * The seminar's codebook. The secretariat's tags (import, `admin tag add`) are
 * active; a participant may propose one, which every device sees as proposed
 * until the secretariat activates it under the same id.
 */

export interface TagRow {
  id: string;
  label: LocalizedText;
  color: string;
  status: string;
  proposed_by: string | null;
  ord: number;
  version: number;
}

export function tagFromRow(row: TagRow): Tag {
  return {
    id: row.id as TagId,
    label: row.label,
    color: row.color,
    status: row.status as TagStatus,
    proposedBy: (row.proposed_by as ParticipantId | null) ?? null,
    order: Number(row.ord),
    version: Number(row.version),
  };
}

export const hasSomeLabel = (label: LocalizedText) => Object.values(label).some((text) => text.trim() !== '');
const NO_LABEL = 'a tag needs a label in at least one language';

export type TagProposal = z.input<typeof tagProposeMutation>['tag'];
const proposalSchema = tagProposeMutation.shape.tag.refine((t) => hasSomeLabel(t.label), {
  message: NO_LABEL,
  path: ['label'],
});

type Outcome = WriteOutcome<Tag>;

/**
 * A participant suggests a tag. An id already taken is a conflict answered
 * with the existing tag (the device adopts it), except the participant's own
 * proposal, which they may still reword until it is activated.
 */
export function proposeTag(db: Database, participant: Participant, tag: TagProposal): Promise<WriteResult<Tag>> {
  return commitWrite(db, (tx) => proposeTagTx(tx, participant, tag));
}

/** proposeTag inside the caller's write transaction. */
export async function proposeTagTx(tx: Queryable, participant: Participant, tag: TagProposal): Promise<Outcome> {
  const parsed = proposalSchema.safeParse(tag);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const t = toStorable(parsed.data);
  const existing = await selectTag(tx, t.id);
  if (existing) {
    const current = tagFromRow(existing);
    const ownProposal = current.status === 'proposed' && current.proposedBy === participant.id;
    if (!ownProposal) return unchanged({ status: 'conflict', current });
    if (isDeepStrictEqual([current.label, current.color], [t.label, t.color]))
      return unchanged({ status: 'applied', record: current });
    const [row] = await tx.query<TagRow>(
      `UPDATE tags SET label=$2, color=$3, version=version+1, seq=nextval('change_seq') WHERE id=$1 RETURNING *`,
      [t.id, JSON.stringify(t.label), t.color],
    );
    return { result: { status: 'applied', record: tagFromRow(row!) }, changed: true };
  }
  const [row] = await tx.query<TagRow>(
    `INSERT INTO tags (id, label, color, status, proposed_by, ord, seq)
     VALUES ($1, $2, $3, 'proposed', $4, (SELECT COALESCE(MAX(ord), 0) + 1 FROM tags), nextval('change_seq'))
     RETURNING *`,
    [t.id, JSON.stringify(t.label), t.color, participant.id],
  );
  return { result: { status: 'applied', record: tagFromRow(row!) }, changed: true };
}

/**
 * Makes `tag` an active codebook entry exactly as given (the import's
 * authority): an existing tag, proposed or not, takes these values and keeps
 * who proposed it. Runs inside the caller's write transaction.
 */
export async function upsertActiveTag(
  tx: Queryable,
  tag: { id: string; label: LocalizedText; color: string; order: number },
): Promise<'changed' | 'unchanged'> {
  const existing = await selectTag(tx, tag.id);
  if (
    existing &&
    existing.status === 'active' &&
    existing.color === tag.color &&
    Number(existing.ord) === tag.order &&
    isDeepStrictEqual(existing.label, tag.label)
  )
    return 'unchanged';
  await tx.query(
    `INSERT INTO tags (id, label, color, status, ord, seq) VALUES ($1, $2, $3, 'active', $4, nextval('change_seq'))
     ON CONFLICT (id) DO UPDATE SET label=$2, color=$3, status='active', ord=$4, version=tags.version+1,
       seq=EXCLUDED.seq`,
    [tag.id, JSON.stringify(tag.label), tag.color, tag.order],
  );
  return 'changed';
}

const activationSchema = z.strictObject({
  id: tagIdSchema,
  label: localizedTextSchema(LIMITS.tagLabelLength),
  color: tagColorSchema.optional(),
  order: z.number().int().optional(),
});

/**
 * The secretariat's `admin tag add`: creates an active tag, or activates a
 * proposed one. Given labels replace those languages only, so activating a
 * proposal can add translations without retyping the proposer's words.
 */
export async function activateTag(
  db: Database,
  input: { id: string; label: LocalizedText; color?: string; order?: number },
): Promise<WriteResult<Tag>> {
  const parsed = activationSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const given = toStorable(parsed.data);
  return commitWrite(db, async (tx): Promise<Outcome> => {
    const existing = await selectTag(tx, given.id);
    const label = { ...existing?.label, ...given.label };
    const color = given.color ?? existing?.color;
    if (!hasSomeLabel(label)) return { result: rejected('validation-failed', NO_LABEL), changed: false };
    if (!color) return { result: rejected('validation-failed', 'a new tag needs a colour'), changed: false };
    const [next] = await tx.query<{ ord: number }>('SELECT COALESCE(MAX(ord), 0) + 1 AS ord FROM tags');
    const order = given.order ?? (existing ? Number(existing.ord) : Number(next!.ord));
    const outcome = await upsertActiveTag(tx, { id: given.id, label, color, order });
    const record = tagFromRow((await selectTag(tx, given.id))!);
    return { result: { status: 'applied', record }, changed: outcome === 'changed' };
  });
}

async function selectTag(tx: Queryable, id: string): Promise<TagRow | undefined> {
  const [row] = await tx.query<TagRow>('SELECT * FROM tags WHERE id = $1', [id]);
  return row;
}
