import type { Change } from '../../shared/protocol/pull.js';
import type { EventId, SeminarEvent } from '../../shared/model/events.js';
import type { QuestionId, Role } from '../../shared/model/entities.js';
import type { Queryable } from '../db/database.js';
import type { PendingChange } from './changes.js';
import { visibleRows, type VisibilityParams } from './visibility.js';

/** The SQL parameters every pull query shares: $1 since, $2 limit, then the scope ($3–$6). */
export const PULL_SCOPE_SQL: VisibilityParams = { participant: '$3', left: '$4', event: '$5', until: '$6' };

export interface EventRow {
  id: string;
  kind: string;
  title: Record<string, string>;
  starts_on: string;
  ends_on: string;
  place: string;
  status: string;
  visibility: string;
  version: number;
  question_ids: string[] | null;
}

export function eventFromRow(row: EventRow, roles: Role[]): SeminarEvent {
  return {
    id: row.id as EventId,
    kind: row.kind as SeminarEvent['kind'],
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    place: row.place,
    status: row.status as SeminarEvent['status'],
    visibility: row.visibility as SeminarEvent['visibility'],
    questionIds: (row.question_ids ?? []) as QuestionId[],
    roles,
    version: Number(row.version),
  };
}

/** The questions on an event's agenda, in order, as one column of the event's row. */
export const EVENT_QUESTIONS_SQL = (alias: string) =>
  `(SELECT COALESCE(array_agg(q.question_id ORDER BY q.ord, q.question_id), '{}') FROM event_questions q
    WHERE q.event_id = ${alias}.id) AS question_ids`;

/**
 * The puller's events and memberships after `since`: an event that changed
 * (to its members), and the puller's own membership rows, as the event with
 * their roles in it, or `event-left` once removed (or signed out on this
 * device, which the device already knows). Both read with the roles from the
 * membership, so one change carries everything the app shows about an event.
 */
export async function eventChanges(db: Queryable, params: unknown[]): Promise<PendingChange[]> {
  const [events, memberships] = await Promise.all([
    db.query<EventRow & { seq: string; roles: Role[] }>(
      `SELECT e.*, m.roles, ${EVENT_QUESTIONS_SQL('e')} FROM events e
       JOIN event_members m ON m.event_id = e.id AND m.participant_id = $3::text
       WHERE e.seq > $1 AND ${visibleRows('events', PULL_SCOPE_SQL, 'e')} ORDER BY e.seq LIMIT $2`,
      params,
    ),
    db.query<EventRow & { member_seq: string; roles: Role[]; removed: boolean }>(
      `SELECT e.*, m.seq AS member_seq, m.roles, (m.removed_at IS NOT NULL OR m.event_id = ANY($4::text[])) AS removed,
         ${EVENT_QUESTIONS_SQL('e')}
       FROM event_members m JOIN events e ON e.id = m.event_id
       WHERE m.seq > $1 AND ${visibleRows('event_members', PULL_SCOPE_SQL, 'm')} ORDER BY m.seq LIMIT $2`,
      params,
    ),
  ]);
  const changes: PendingChange[] = [];
  for (const row of events) {
    const seq = Number(row.seq);
    changes.push({
      seq,
      chars: 0,
      build: (): Change => ({ seq, kind: 'event', record: eventFromRow(row, row.roles) }),
    });
  }
  for (const row of memberships) {
    const seq = Number(row.member_seq);
    changes.push({
      seq,
      chars: 0,
      build: (): Change =>
        row.removed
          ? { seq, kind: 'event-left', id: row.id as EventId }
          : { seq, kind: 'event', record: eventFromRow(row, row.roles) },
    });
  }
  return changes;
}
