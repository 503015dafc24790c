import type { ParticipantId } from '../../shared/model/entities.js';
import type { Queryable } from '../db/database.js';
import { readStateFromRow, type ReadStateRow } from '../read-state/read-state-store.js';
import type { PendingChange } from './changes.js';

/**
 * The pulling participant's own read states after `since`. Other
 * participants' rows are not even read: their seqs give nothing to anyone
 * else, and the remaining count leaves them out too (countChangesAfter).
 */
export async function readStateChanges(
  db: Queryable,
  since: number,
  limit: number,
  participantId: ParticipantId,
): Promise<PendingChange[]> {
  const rows = await db.query<ReadStateRow & { seq: number }>(
    'SELECT * FROM read_states WHERE participant_id = $3 AND seq > $1 ORDER BY seq LIMIT $2',
    [since, limit, participantId],
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    return { seq, chars: 0, build: () => ({ seq, kind: 'read-state', record: readStateFromRow(row) }) };
  });
}
