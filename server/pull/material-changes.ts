import type { Queryable } from '../db/database.js';
import { materialFromRow, type MaterialRow } from '../materials/material-store.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import type { PendingChange } from './changes.js';
import { visibleRows } from './visibility.js';

/**
 * Materials' metadata after `since`: a question's reach everyone, an event's
 * its members only, and others get nothing for that seq (pull/visibility.ts),
 * so a closed event's briefing is not revealed by its title or its id.
 */
export async function materialChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<MaterialRow & { seq: number }>(
    `SELECT * FROM materials WHERE seq > $1 AND ${visibleRows('materials', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2`,
    params,
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    return { seq, chars: 0, build: () => ({ seq, kind: 'material', record: materialFromRow(row) }) };
  });
}
