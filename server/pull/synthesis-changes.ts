import type { ParticipantId } from '../../shared/model/entities.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows } from './visibility.js';
import type { SynthesisId } from '../../shared/model/synthesis.js';
import type { Queryable } from '../db/database.js';
import { toIso } from '../db/timestamps.js';
import { synthesisFromRow } from '../synthesis/synthesis-store.js';
import type { PendingChange } from './changes.js';

/** Syntheses and their CRDT updates: an event's, its members pull them (pull/visibility.ts). */
export async function synthesisChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const [records, updates] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT * FROM syntheses WHERE seq > $1 AND ${visibleRows('syntheses', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2`,
      params,
    ),
    db.query<Record<string, unknown>>(
      `SELECT seq, synthesis_id, update, author_id, author_name, at FROM synthesis_updates
       WHERE seq > $1 AND ${visibleRows('synthesis_updates', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2`,
      params,
    ),
  ]);
  const changes: PendingChange[] = records.map((row) => ({
    seq: Number(row.seq),
    chars: 0,
    build: () => ({ seq: Number(row.seq), kind: 'synthesis', record: synthesisFromRow(row) }),
  }));
  for (const row of updates) {
    const update = Buffer.from(row.update as Uint8Array).toString('base64');
    changes.push({
      seq: Number(row.seq),
      chars: update.length,
      build: () => ({
        seq: Number(row.seq),
        kind: 'synthesis-update',
        synthesisId: row.synthesis_id as SynthesisId,
        update,
        authorId: (row.author_id as ParticipantId | null) ?? null,
        authorName: String(row.author_name),
        at: toIso(row.at),
      }),
    });
  }
  return changes;
}
