import type { Participant, Role } from '../../shared/model/entities.js';
import type { LocalizedText } from '../../shared/languages.js';
import type { EventKind, EventStatus, EventVisibility, SeminarEvent } from '../../shared/model/events.js';
import type { Queryable } from '../db/database.js';
import { LEGACY_EVENT_ID, LEGACY_EVENT_TITLE } from './legacy-event.js';
import { EVENT_QUESTIONS_SQL, eventFromRow, type EventRow } from '../pull/event-changes.js';

/**
 * Events and their members (issue 18). The policy:
 * - one server holds several events (seminars, conferences); the consultation
 *   corpus is shared by all of them;
 * - a participant's roles are per event (event_members.roles): a rapporteur
 *   of one seminar can be a delegate at the conference; participants.roles
 *   stays the server-wide roles (the secretariat's routes);
 * - what a participant pulls of an event is pull/visibility.ts;
 * - a member removed from an event keeps their row (removed_at), so their
 *   devices learn of it (`event-left`) at their next pull; adding them again
 *   clears it;
 * - every change to an event or a membership takes a new seq, in the caller's
 *   write transaction (db/database.ts writeTransaction).
 */

export interface EventInput {
  id: string;
  kind: EventKind;
  title: LocalizedText;
  startsOn: string;
  endsOn: string;
  place?: string;
  status?: EventStatus;
  visibility?: EventVisibility;
  /** The questions on its agenda, in order; absent: unchanged (none for a new event). */
  questionIds?: string[];
}

/** Creates or updates an event; 'unchanged' when it already holds exactly this. */
export async function upsertEventTx(tx: Queryable, e: EventInput): Promise<'changed' | 'unchanged'> {
  const [old] = await tx.query<EventRow>(`SELECT e.*, ${EVENT_QUESTIONS_SQL('e')} FROM events e WHERE e.id = $1`, [
    e.id,
  ]);
  const place = e.place ?? '';
  const status = e.status ?? old?.status ?? 'preparing';
  const visibility = e.visibility ?? old?.visibility ?? 'closed';
  const questions = e.questionIds ?? old?.question_ids ?? [];
  if (
    old &&
    JSON.stringify([
      old.kind,
      sorted(old.title),
      old.starts_on,
      old.ends_on,
      old.place,
      old.status,
      old.visibility,
      old.question_ids ?? [],
    ]) === JSON.stringify([e.kind, sorted(e.title), e.startsOn, e.endsOn, place, status, visibility, questions])
  )
    return 'unchanged';
  await tx.query(
    `INSERT INTO events (id, kind, title, starts_on, ends_on, place, status, visibility, seq)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,nextval('change_seq'))
     ON CONFLICT (id) DO UPDATE SET kind=$2, title=$3, starts_on=$4, ends_on=$5, place=$6, status=$7,
       visibility=$8, version=events.version+1, seq=EXCLUDED.seq`,
    [e.id, e.kind, JSON.stringify(e.title), e.startsOn, e.endsOn, place, status, visibility],
  );
  if (e.questionIds) await setEventQuestionsTx(tx, e.id, e.questionIds);
  return 'changed';
}

const sorted = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** Replaces the questions on an event's agenda (unknown question ids are the caller's to refuse). */
async function setEventQuestionsTx(tx: Queryable, eventId: string, questionIds: string[]) {
  await tx.query('DELETE FROM event_questions WHERE event_id = $1', [eventId]);
  if (questionIds.length)
    await tx.query(
      `INSERT INTO event_questions (event_id, question_id, ord)
       SELECT $1, q, o::int FROM unnest($2::text[]) WITH ORDINALITY AS t(q, o)`,
      [eventId, questionIds],
    );
}

/** Puts a question on an event's agenda (after the others) if it is not there yet; bumps the event when it was added. */
export async function addEventQuestionsTx(tx: Queryable, eventId: string, questionIds: string[]): Promise<void> {
  const rows = await tx.query(
    `INSERT INTO event_questions (event_id, question_id, ord)
     SELECT $1, q, (SELECT COALESCE(MAX(ord), 0) FROM event_questions WHERE event_id = $1) + o::int
     FROM unnest($2::text[]) WITH ORDINALITY AS t(q, o)
     WHERE EXISTS (SELECT 1 FROM questions WHERE id = q)
     ON CONFLICT (event_id, question_id) DO NOTHING RETURNING question_id`,
    [eventId, [...new Set(questionIds)]],
  );
  if (rows.length) await touchEventTx(tx, eventId);
}

/** A new seq (and version) for an event whose agenda changed: its members pull it again. */
async function touchEventTx(tx: Queryable, eventId: string) {
  await tx.query(`UPDATE events SET version = version + 1, seq = nextval('change_seq') WHERE id = $1`, [eventId]);
}

export async function setEventStatusTx(tx: Queryable, eventId: string, status: EventStatus): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE events SET status = $2, version = version + 1, seq = nextval('change_seq') WHERE id = $1 AND status <> $2 RETURNING id`,
    [eventId, status],
  );
  if (rows.length) return true;
  return (await tx.query('SELECT 1 FROM events WHERE id = $1', [eventId])).length > 0;
}

/** Makes a participant a member of an event with these roles (again, if removed); 'unchanged' if already so. */
export async function addMemberTx(
  tx: Queryable,
  eventId: string,
  participantId: string,
  roles: Role[],
): Promise<'changed' | 'unchanged'> {
  const [old] = await tx.query<{ roles: string[]; removed_at: unknown }>(
    'SELECT roles, removed_at FROM event_members WHERE event_id = $1 AND participant_id = $2',
    [eventId, participantId],
  );
  const wanted = [...new Set(roles)].sort();
  if (old && old.removed_at === null && JSON.stringify([...old.roles].sort()) === JSON.stringify(wanted))
    return 'unchanged';
  await tx.query(
    `INSERT INTO event_members (event_id, participant_id, roles, seq) VALUES ($1,$2,$3,nextval('change_seq'))
     ON CONFLICT (event_id, participant_id) DO UPDATE SET roles=$3, removed_at=NULL, seq=EXCLUDED.seq`,
    [eventId, participantId, wanted],
  );
  return 'changed';
}

/** Removes a participant from an event: their devices drop it at their next pull (`event-left`). */
export async function removeMemberTx(tx: Queryable, eventId: string, participantId: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE event_members SET removed_at = now(), seq = nextval('change_seq')
     WHERE event_id = $1 AND participant_id = $2 AND removed_at IS NULL RETURNING event_id`,
    [eventId, participantId],
  );
  return rows.length > 0;
}

/** The participant's roles in an event they are a current member of; null otherwise (unknown and not invited alike). */
export async function memberRoles(db: Queryable, participantId: string, eventId: string): Promise<Role[] | null> {
  const [row] = await db.query<{ roles: Role[] }>(
    'SELECT roles FROM event_members WHERE event_id = $1 AND participant_id = $2 AND removed_at IS NULL',
    [eventId, participantId],
  );
  return row ? row.roles : null;
}

/**
 * The event a write without an event id goes to: the participant's most
 * recently joined event among those where they hold one of `roles` (any role
 * when not given); null when there is none. A server that never had an event
 * works as the single seminar it was: its one event is made then, with every
 * participant in it (legacyEventTx), so call this in a write transaction.
 */
export async function defaultEventOf(
  tx: Queryable,
  participant: Participant,
  roles?: readonly Role[],
): Promise<string | null> {
  if (!(await tx.query('SELECT 1 FROM events LIMIT 1')).length) await legacyEventTx(tx);
  const [row] = await tx.query<{ event_id: string }>(
    `SELECT event_id FROM event_members WHERE participant_id = $1 AND removed_at IS NULL
       AND ($2::text[] IS NULL OR roles && $2::text[])
     ORDER BY joined_at DESC, event_id LIMIT 1`,
    [participant.id, roles ? [...roles] : null],
  );
  return row?.event_id ?? null;
}

export interface EventListing extends SeminarEvent {
  members: number;
}

/** Every event, for the secretariat (admin event list). */
export async function listEvents(db: Queryable): Promise<EventListing[]> {
  const rows = await db.query<EventRow & { members: number }>(
    `SELECT e.*, ${EVENT_QUESTIONS_SQL('e')},
       (SELECT count(*)::int FROM event_members m WHERE m.event_id = e.id AND m.removed_at IS NULL) AS members
     FROM events e ORDER BY e.starts_on, e.id`,
  );
  return rows.map((r) => ({ ...eventFromRow(r, []), members: Number(r.members) }));
}

/** The one event a legacy write (a session line without eventId) goes to; created, with every participant in it, on a server without events. */
export async function legacyEventTx(tx: Queryable): Promise<string | { rejected: string }> {
  const events = await tx.query<{ id: string }>('SELECT id FROM events ORDER BY id LIMIT 2');
  if (events.length === 1) return events[0]!.id;
  if (events.length > 1)
    return { rejected: 'eventId is required: this server holds several events (admin event list shows them)' };
  await tx.query(
    `INSERT INTO events (id, kind, title, starts_on, ends_on, place, status, visibility, seq)
     VALUES ($1, 'closed-seminar', $2, to_char(now(), 'YYYY-MM-DD'), to_char(now(), 'YYYY-MM-DD'), '', 'running', 'closed',
       nextval('change_seq'))`,
    [LEGACY_EVENT_ID, JSON.stringify(LEGACY_EVENT_TITLE)],
  );
  await tx.query(
    `INSERT INTO event_members (event_id, participant_id, roles, seq)
     SELECT $1, id, roles, nextval('change_seq') FROM participants`,
    [LEGACY_EVENT_ID],
  );
  return LEGACY_EVENT_ID;
}
