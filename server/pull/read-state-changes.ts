import type { Queryable } from '../db/database.js';
import { readStateFromRow, type ReadStateRow } from '../read-state/read-state-store.js';
import type { PendingChange } from './changes.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows } from './visibility.js';

/**
 * The pulling participant's own read states after `since`. Other
 * participants' rows are not even read: their seqs give nothing to anyone
 * else, and the remaining count leaves them out too (countChangesAfter).
 */
export async function readStateChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<ReadStateRow & { seq: number }>(
    `SELECT * FROM read_states WHERE seq > $1 AND ${visibleRows('read_states', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2`,
    params,
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    return { seq, chars: 0, build: () => ({ seq, kind: 'read-state', record: readStateFromRow(row) }) };
  });
}
