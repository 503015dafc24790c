import type { Queryable } from '../db/database.js';
import { ApiFailure } from '../api-failure.js';
import { memberRoles } from '../events/event-store.js';
import type { PullScope } from './visibility.js';

/**
 * Who a pull is for: the participant, the events their device signed out of,
 * and, for a catch-up of one event, that event and the last seq to bring.
 * A catch-up of an event the participant is not in answers 404, as for an
 * event that does not exist (closed events are not revealed).
 */
export async function pullScopeFor(
  db: Queryable,
  participantId: string,
  /** Read with the token (auth/tokens.ts, sessionForToken). */
  leftEvents: string[],
  query: { event?: string; until?: number },
): Promise<PullScope> {
  if (query.event === undefined || query.until === undefined) return { participantId, leftEvents };
  if (leftEvents.includes(query.event) || !(await memberRoles(db, participantId, query.event)))
    throw new ApiFailure(404, 'not-found', 'no such event');
  return { participantId, leftEvents, catchUp: { eventId: query.event, until: query.until } };
}
