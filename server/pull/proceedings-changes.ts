import type { Queryable } from '../db/database.js';
import { readProceedings } from '../proceedings/proceedings-record.js';
import type { PendingChange } from './changes.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows } from './visibility.js';

/**
 * An event's proceedings, whole, to its members (pull/visibility.ts). The
 * record is read when the page keeps the change; `myConsent` is the puller's.
 */
export async function proceedingsChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<{ event_id: string; seq: string }>(
    `SELECT event_id, seq FROM proceedings WHERE seq > $1 AND ${visibleRows('proceedings', PULL_SCOPE_SQL)}
     ORDER BY seq LIMIT $2`,
    params,
  );
  const reader = String(params[2]);
  // Read before the page is cut (build is synchronous); a page carries few of them.
  const records = await Promise.all(rows.map((r) => readProceedings(db, r.event_id, reader)));
  return rows.map((row, i) => ({
    seq: Number(row.seq),
    chars: JSON.stringify(records[i]!.comments).length,
    build: () => ({ seq: Number(row.seq), kind: 'proceedings', record: records[i]! }),
  }));
}
