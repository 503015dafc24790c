import { OWN_SYNCED_TABLES, SYNCED_TABLES, type Queryable } from '../db/database.js';

/**
 * Everything the open event streams need to know after a change, in one
 * query whatever their number: the head of the shared tables, each
 * streaming participant's head of their own tables (another's read state is
 * no change for them), and which of the streaming tokens were revoked since
 * (a revocation made on another instance reaches this one by the same
 * announcement).
 */
export interface StreamHeads {
  shared: number;
  own: Map<string, number>;
  revoked: Set<string>;
}

export async function readStreamHeads(
  db: Queryable,
  participantIds: string[],
  tokenHashes: string[],
): Promise<StreamHeads> {
  const shared = SYNCED_TABLES.map((t) => `COALESCE((SELECT MAX(seq) FROM ${t}), 0)`).join(', ');
  const own = OWN_SYNCED_TABLES.map(
    (t) =>
      `SELECT participant_id, MAX(seq) AS m FROM ${t} WHERE participant_id = ANY($1::text[]) GROUP BY participant_id`,
  ).join(' UNION ALL ');
  const [row] = await db.query<{ shared: string | number; own: [string, number][]; revoked: string[] }>(
    `SELECT GREATEST(${shared}) AS shared,
       (SELECT COALESCE(json_agg(json_build_array(participant_id, m)), '[]'::json) FROM (${own}) o) AS own,
       (SELECT COALESCE(json_agg(hash), '[]'::json) FROM tokens WHERE hash = ANY($2::text[]) AND revoked_at IS NOT NULL) AS revoked`,
    [participantIds, tokenHashes],
  );
  const heads = new Map<string, number>();
  for (const [id, head] of row!.own) heads.set(id, Math.max(heads.get(id) ?? 0, Number(head)));
  return { shared: Number(row!.shared), own: heads, revoked: new Set(row!.revoked) };
}
