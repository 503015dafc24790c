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
  /**
   * Per streaming token, the events it belongs to that changed after `since`
   * (issue 18), with the last seq of each: the stream hints at them so the
   * app can mark another event as having news without opening it. Only what
   * its members would pull counts (its agenda, syntheses, notes shared in it,
   * its materials), for members still in it on devices that did not leave it.
   */
  activity: Map<string, Map<string, number>>;
}

/** Rows that belong to one event, with their seq: what a member's pull would carry of it. */
const EVENT_ROWS = `
  SELECT id AS event_id, seq FROM events WHERE seq > $3
  UNION ALL SELECT event_id, seq FROM seminar_sessions WHERE seq > $3
  UNION ALL SELECT event_id, seq FROM syntheses WHERE seq > $3
  UNION ALL SELECT s.event_id, u.seq FROM synthesis_updates u JOIN syntheses s ON s.id = u.synthesis_id WHERE u.seq > $3
  UNION ALL SELECT event_id, seq FROM annotations WHERE seq > $3 AND event_id IS NOT NULL AND visibility = 'seminar'
  UNION ALL SELECT owner_id, seq FROM materials WHERE seq > $3 AND owner_kind = 'event'
  UNION ALL SELECT event_id, seq FROM tombstones WHERE seq > $3 AND event_id IS NOT NULL`;

export async function readStreamHeads(
  db: Queryable,
  participantIds: string[],
  tokenHashes: string[],
  /** The lowest head the streams were told: older changes were hinted already. */
  since = 0,
): Promise<StreamHeads> {
  const shared = SYNCED_TABLES.map((t) => `COALESCE((SELECT MAX(seq) FROM ${t}), 0)`).join(', ');
  const own = OWN_SYNCED_TABLES.map(
    (t) =>
      `SELECT participant_id, MAX(seq) AS m FROM ${t} WHERE participant_id = ANY($1::text[]) GROUP BY participant_id`,
  ).join(' UNION ALL ');
  const [row] = await db.query<{
    shared: string | number;
    own: [string, number][];
    revoked: string[];
    activity: [string, string, number][];
  }>(
    `SELECT GREATEST(${shared}) AS shared,
       (SELECT COALESCE(json_agg(json_build_array(participant_id, m)), '[]'::json) FROM (${own}) o) AS own,
       (SELECT COALESCE(json_agg(hash), '[]'::json) FROM tokens WHERE hash = ANY($2::text[]) AND revoked_at IS NOT NULL) AS revoked,
       (SELECT COALESCE(json_agg(json_build_array(t.hash, c.event_id, c.m)), '[]'::json)
          FROM (SELECT event_id, MAX(seq) AS m FROM (${EVENT_ROWS}) r GROUP BY event_id) c
          JOIN event_members em ON em.event_id = c.event_id AND em.removed_at IS NULL
          JOIN tokens t ON t.participant_id = em.participant_id AND t.hash = ANY($2::text[])
            AND NOT (c.event_id = ANY(t.left_events))) AS activity`,
    [participantIds, tokenHashes, since],
  );
  const heads = new Map<string, number>();
  for (const [id, head] of row!.own) heads.set(id, Math.max(heads.get(id) ?? 0, Number(head)));
  const activity = new Map<string, Map<string, number>>();
  for (const [hash, event, seq] of row!.activity) {
    const events = activity.get(hash) ?? new Map<string, number>();
    events.set(event, Number(seq));
    activity.set(hash, events);
  }
  return { shared: Number(row!.shared), own: heads, revoked: new Set(row!.revoked), activity };
}
