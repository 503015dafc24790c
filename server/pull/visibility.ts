/**
 * Which rows of each synced table a participant's pull may carry, as SQL
 * conditions: the one place the event isolation rules live, used for the
 * pages (buildPullPage), the head and the remaining count (db/database.ts),
 * so the three always agree and a pull that has everything ends at its head.
 *
 * The rules (issue 18):
 * - the consultation corpus (themes, questions, contributions, the codebook)
 *   is everyone's;
 * - an event, its sessions, session tombstones, syntheses and their updates
 *   reach the event's current members only, on devices that have not signed
 *   out of it; others get nothing for those seqs, not even a placeholder, so a
 *   closed event's existence is never revealed;
 * - annotations: the author's own everywhere (private notes are theirs across
 *   events); others' only in the events the puller is in, and there as
 *   `annotation-hidden` when private (annotation-changes.ts);
 * - a participant's memberships and read states are changes for them alone;
 * - briefing materials: a question's are everyone's, an event's its members';
 *   notes on them follow the annotations' rule (material-note-changes.ts);
 * - an event's proceedings (review states, comments, editions, consents) are
 *   its members', like its syntheses.
 *
 * A catch-up of one event (`scope`) keeps only that event's rows up to
 * `until`, and nothing of the corpus or of the participant's own tables.
 *
 * Placeholders are given by the caller (`$3`…), so each query keeps its own
 * numbering; every placeholder is used with a cast, as PostgreSQL must know
 * each parameter's type.
 */
export interface VisibilityParams {
  /** The pulling participant's id. */
  participant: string;
  /** The events this device signed out of (text[]). */
  left: string;
  /** The event of a catch-up, or NULL (text). */
  event: string;
  /** The last seq of a catch-up, or NULL (bigint). */
  until: string;
}

export type SyncedTable =
  | 'themes'
  | 'questions'
  | 'seminar_sessions'
  | 'contributions'
  | 'tombstones'
  | 'tags'
  | 'annotations'
  | 'syntheses'
  | 'synthesis_updates'
  | 'events'
  | 'event_members'
  | 'read_states'
  | 'materials'
  | 'material_notes'
  | 'proceedings';

export function visibleRows(table: SyncedTable, p: VisibilityParams, alias = ''): string {
  // Always true; it names every parameter with its type, which PostgreSQL
  // needs even for those a table's rule does not use.
  const typed = `num_nulls(${p.participant}::text, ${p.left}::text[], ${p.event}::text, ${p.until}::bigint) >= 0`;
  return `(${rule(table, p, alias)} AND ${typed})`;
}

function rule(table: SyncedTable, p: VisibilityParams, alias: string): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const myEvents = `(SELECT m.event_id FROM event_members m WHERE m.participant_id = ${p.participant}::text
    AND m.removed_at IS NULL AND NOT (m.event_id = ANY(${p.left}::text[])))`;
  const mainLog = `${p.event}::text IS NULL`;
  /** Rows of an event the participant is in: all of them in the main log, one event's up to `until` in a catch-up. */
  const ofMyEvents = (eventColumn: string) =>
    `(${eventColumn} IN ${myEvents} AND (${mainLog} OR (${eventColumn} = ${p.event}::text AND ${col('seq')} <= ${p.until}::bigint)))`;
  switch (table) {
    case 'themes':
    case 'questions':
    case 'contributions':
    case 'tags':
      return mainLog;
    case 'seminar_sessions':
    case 'syntheses':
    case 'proceedings':
      return ofMyEvents(col('event_id'));
    case 'events':
      return ofMyEvents(col('id'));
    case 'tombstones':
      return `((${col('event_id')} IS NULL AND ${mainLog}) OR ${ofMyEvents(col('event_id'))})`;
    case 'annotations':
    case 'material_notes':
      return `((${col('author_id')} = ${p.participant}::text AND ${mainLog}) OR ${ofMyEvents(col('event_id'))})`;
    case 'synthesis_updates':
      return `${col('synthesis_id')} IN (SELECT s.id FROM syntheses s WHERE s.event_id IN ${myEvents}
        AND (${mainLog} OR (s.event_id = ${p.event}::text AND ${col('seq')} <= ${p.until}::bigint)))`;
    case 'event_members':
    case 'read_states':
      return `(${col('participant_id')} = ${p.participant}::text AND ${mainLog})`;
    case 'materials':
      // A question's briefing is the corpus's; an event's, its members' alone.
      return `((${col('owner_kind')} = 'question' AND ${mainLog}) OR (${col('owner_kind')} = 'event' AND ${ofMyEvents(col('owner_id'))}))`;
  }
}

/** Every synced table: the head and the remaining count read them all, so a new syncable table is added here. */
export const ALL_SYNCED_TABLES: SyncedTable[] = [
  'themes',
  'questions',
  'seminar_sessions',
  'contributions',
  'tombstones',
  'tags',
  'annotations',
  'syntheses',
  'synthesis_updates',
  'events',
  'event_members',
  'read_states',
  'materials',
  'material_notes',
  'proceedings',
];

/** Who is pulling, from which device, and whether this is a catch-up of one event. */
export interface PullScope {
  participantId: string;
  /** Events the device signed out of (tokens.left_events). */
  leftEvents: readonly string[];
  /** A catch-up: one event's records up to `until`. */
  catchUp?: { eventId: string; until: number } | null;
}
