import type { ImportLine } from '../../shared/protocol/import-format.js';
import type { Queryable } from '../db/database.js';
import { addMemberTx, upsertEventTx } from './event-store.js';

type Outcome = 'changed' | 'unchanged' | { rejected: string };

/** An `event` line: its questions must be known (question lines come first). */
export async function importEventTx(tx: Queryable, r: Extract<ImportLine, { type: 'event' }>): Promise<Outcome> {
  if (r.questionIds?.length) {
    const known = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM questions WHERE id = ANY($1::text[])', [r.questionIds])).map(
        (q) => q.id,
      ),
    );
    const unknown = r.questionIds.filter((q) => !known.has(q));
    if (unknown.length) return { rejected: `questionIds: unknown question ${JSON.stringify(unknown[0])}` };
  }
  return upsertEventTx(tx, {
    id: r.id,
    kind: r.kind,
    title: r.title,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    place: r.place,
    status: r.status,
    visibility: r.visibility,
    questionIds: r.questionIds,
  });
}

/**
 * A `participant` line: the person (name and language updated; their
 * server-wide roles gain the ones given, never lose any) and their roles in
 * the line's event.
 */
export async function importParticipantTx(
  tx: Queryable,
  r: Extract<ImportLine, { type: 'participant' }>,
): Promise<Outcome> {
  if (!(await tx.query('SELECT 1 FROM events WHERE id = $1', [r.eventId])).length)
    return { rejected: `eventId: unknown event ${JSON.stringify(r.eventId)} (its event line must come first)` };
  const [old] = await tx.query<{ name: string; language: string; roles: string[] }>(
    'SELECT name, language, roles FROM participants WHERE id = $1',
    [r.id],
  );
  const roles = [...new Set([...(old?.roles ?? []), ...r.roles])];
  let changed = false;
  if (!old || old.name !== r.name || old.language !== r.language || roles.length !== old.roles.length) {
    await tx.query(
      `INSERT INTO participants (id, name, roles, language) VALUES ($1,$2,$3,$4)
       ON CONFLICT (id) DO UPDATE SET name=$2, roles=$3, language=$4`,
      [r.id, r.name, roles, r.language],
    );
    changed = true;
  }
  if ((await addMemberTx(tx, r.eventId, r.id, r.roles)) === 'changed') changed = true;
  return changed ? 'changed' : 'unchanged';
}
