import type { ParticipantId } from '../../shared/model/entities.js';
import type { Queryable } from '../db/database.js';
import { materialShownSql } from '../materials/material-access.js';
import { materialFromRow, type MaterialRow } from '../materials/material-store.js';
import type { PendingChange } from './changes.js';

/**
 * Materials' metadata after `since`: whole where the participant may read
 * the material, else only its id (`material-hidden`), so every row is one
 * change for everyone (as annotations are) and a device that held one it may
 * no longer read drops it.
 */
export async function materialChanges(
  db: Queryable,
  since: number,
  limit: number,
  participantId: ParticipantId,
): Promise<PendingChange[]> {
  const rows = await db.query<MaterialRow & { seq: number; shown: boolean }>(
    `SELECT m.*, ${materialShownSql(
      `COALESCE((SELECT 'secretariat' = ANY(roles) FROM participants WHERE id = $3), false)`,
    )} AS shown
     FROM materials m WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [since, limit, participantId],
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    return row.shown
      ? { seq, chars: 0, build: () => ({ seq, kind: 'material', record: materialFromRow(row) }) }
      : { seq, chars: 0, build: () => ({ seq, kind: 'material-hidden', id: row.id }) };
  });
}
