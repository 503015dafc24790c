import type { Queryable } from '../db/database.js';
import { annotationFromRow, type AnnotationRow } from '../annotations/annotation-store.js';
import { tagFromRow, type TagRow } from '../codebook/tag-store.js';
import type { PendingChange } from './changes.js';
import { PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows } from './visibility.js';

/** Every participant sees the whole codebook, proposed tags included. */
export async function tagChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<TagRow & { seq: number }>(
    `SELECT * FROM tags WHERE seq > $1 AND ${visibleRows('tags', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2`,
    params,
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    chars: 0,
    build: () => ({ seq: Number(row.seq), kind: 'tag', record: tagFromRow(row) }),
  }));
}

/**
 * The annotations after `since` as the puller ($3) may see them: their own
 * whole (in every event), others' seminar ones in the puller's events, and in
 * place of another's private one there only its id (`annotation-hidden`), so a note turned private leaves the devices that
 * had it. The hidden rows' content is never read out of the database: the join
 * that brings the content only matches visible rows. Another's deletion comes
 * without its note and tags, which the tombstone keeps for its author only.
 */
export async function annotationChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const rows = await db.query<{ seq: number; id: string; shown: boolean } & AnnotationRow>(
    `SELECT p.seq, p.id, p.shown, b.author_id, b.author_name, b.contribution_id, b.language, b.target,
       CASE WHEN p.own OR NOT b.deleted THEN b.note ELSE '' END AS note,
       CASE WHEN p.own OR NOT b.deleted THEN b.tags ELSE '[]'::jsonb END AS tags,
       b.visibility, b.event_id, b.created_at, b.updated_at, b.version, b.deleted
     FROM (SELECT id, seq, author_id = $3 AS own, (author_id = $3 OR visibility = 'seminar') AS shown
           FROM annotations WHERE seq > $1 AND ${visibleRows('annotations', PULL_SCOPE_SQL)} ORDER BY seq LIMIT $2) p
     LEFT JOIN annotations b ON p.shown AND b.id = p.id
     ORDER BY p.seq`,
    params,
  );
  return rows.map((row) => {
    const seq = Number(row.seq);
    if (!row.shown) return { seq, chars: 0, build: () => ({ seq, kind: 'annotation-hidden', id: row.id }) };
    return {
      seq,
      chars: row.note.length + row.target.quote.exact.length,
      build: () => ({ seq, kind: 'annotation', record: annotationFromRow(row) }),
    };
  });
}
