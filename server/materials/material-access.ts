import type { MaterialOwner } from '../../shared/model/material.js';
import type { Queryable } from '../db/database.js';
import { memberRoles } from '../events/event-store.js';

/**
 * Who may read a material's bytes (its metadata follows the same rule in the
 * pull, pull/visibility.ts): a question's, every participant, like the
 * question; an event's, that event's current members only (a closed seminar's
 * briefing stays with its participants).
 */
export async function mayReadMaterial(db: Queryable, participantId: string, owner: MaterialOwner): Promise<boolean> {
  if (owner.kind === 'question') return true;
  return (await memberRoles(db, participantId, owner.id)) !== null;
}
