import type { z } from 'zod';
import { readStateMutation } from '../../shared/protocol/mutations.js';
import type { ReadStateRecord } from '../../shared/protocol/push.js';
import type { ContributionId, Participant } from '../../shared/model/entities.js';
import type { Queryable } from '../db/database.js';
import { toIso } from '../db/timestamps.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';

/**
 * A participant's read/star state of a contribution, kept for their other
 * devices and for no one else. The policy is last write in server order, flag
 * by flag: a write names only the flags the user changed and leaves the other
 * as it is, so two devices changing different flags at once both keep their
 * change; the server applies every write as it arrives and bumps version and
 * seq, so there is no conflict. The device's `updatedAt` is kept as data and never
 * decides order (device clocks disagree). A write that changes neither flag
 * changes nothing, so it costs no device a pull.
 */

export type ReadStateInput = Omit<z.input<typeof readStateMutation>, 'id' | 'kind'>;
const inputSchema = readStateMutation
  .omit({ id: true, kind: true })
  .refine((s) => s.read !== undefined || s.starred !== undefined, {
    message: 'a read-state write changes read or starred',
  });

export interface ReadStateRow {
  participant_id: string;
  contribution_id: string;
  read: boolean;
  starred: boolean;
  updated_at: unknown;
  version: number;
}

export function readStateFromRow(row: ReadStateRow): ReadStateRecord {
  return {
    contributionId: row.contribution_id as ContributionId,
    read: row.read,
    starred: row.starred,
    updatedAt: toIso(row.updated_at),
    version: Number(row.version),
  };
}

/** Sets the participant's read state of one contribution, inside the caller's write transaction. */
export async function putReadStateTx(
  tx: Queryable,
  participant: Participant,
  input: ReadStateInput,
): Promise<WriteOutcome<ReadStateRecord>> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const s = parsed.data;
  const [known] = await tx.query('SELECT 1 FROM contributions WHERE id = $1', [s.contributionId]);
  if (!known) return unchanged(rejected('not-found', `unknown contribution ${JSON.stringify(s.contributionId)}`));
  const [existing] = await tx.query<ReadStateRow>(
    'SELECT * FROM read_states WHERE participant_id = $1 AND contribution_id = $2',
    [participant.id, s.contributionId],
  );
  const read = s.read ?? existing?.read ?? false;
  const starred = s.starred ?? existing?.starred ?? false;
  if (existing && existing.read === read && existing.starred === starred)
    return unchanged({ status: 'applied', record: readStateFromRow(existing) });
  const [row] = await tx.query<ReadStateRow>(
    `INSERT INTO read_states (participant_id, contribution_id, read, starred, updated_at, version, seq)
     VALUES ($1, $2, $3, $4, $5, 1, nextval('change_seq'))
     ON CONFLICT (participant_id, contribution_id) DO UPDATE SET read = EXCLUDED.read, starred = EXCLUDED.starred,
       updated_at = EXCLUDED.updated_at, version = read_states.version + 1, seq = EXCLUDED.seq
     RETURNING *`,
    [participant.id, s.contributionId, read, starred, s.updatedAt],
  );
  return { result: { status: 'applied', record: readStateFromRow(row!) }, changed: true };
}
