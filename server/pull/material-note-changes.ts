import type { Queryable } from '../db/database.js';
import { materialNoteFromRow, type MaterialNoteRow } from '../materials/material-note-store.js';
import type { PendingChange } from './changes.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows } from './visibility.js';

/**
 * Notes on materials after `since`, by the annotations' rule
 * (annotation-changes.ts): the puller's own whole, others' seminar notes in
 * the puller's events, another's private note only as its id
 * (`material-note-hidden`), whose content is never read out; another's
 * deletion without its words.
 */
export async function materialNoteChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<{ seq: number; id: string; shown: boolean } & MaterialNoteRow>(
    `SELECT p.seq, p.id, p.shown, b.author_id, b.author_name, b.material_id, b.target,
       CASE WHEN p.own OR NOT b.deleted THEN b.note ELSE '' END AS note,
       CASE WHEN p.own OR NOT b.deleted THEN b.tags ELSE '[]'::jsonb END AS tags,
       b.visibility, b.event_id, b.created_at, b.updated_at, b.version, b.deleted
     FROM (SELECT id, seq, author_id = $3 AS own, (author_id = $3 OR visibility = 'seminar') AS shown
           FROM material_notes WHERE seq > $1 AND ${visibleRows('material_notes', PULL_SCOPE_SQL)}
           ORDER BY seq LIMIT $2) p
     LEFT JOIN material_notes b ON p.shown AND b.id = p.id
     ORDER BY p.seq`,
    params,
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    if (!row.shown) return { seq, chars: 0, build: () => ({ seq, kind: 'material-note-hidden', id: row.id }) };
    const quote = row.target.kind === 'pdf' ? row.target.quote.exact.length : 0;
    return {
      seq,
      chars: row.note.length + quote,
      build: () => ({ seq, kind: 'material-note', record: materialNoteFromRow(row) }),
    };
  });
}
