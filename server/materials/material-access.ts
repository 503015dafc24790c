import type { Participant } from '../../shared/model/entities.js';
import type { MaterialOwner } from '../../shared/model/material.js';

/**
 * Who may read a material (its metadata by pull, its bytes by GET). A
 * question's material: every participant, like the question. An event's: the
 * closed seminar's rule is "its participants only"; event membership does not
 * exist on this branch yet (issue 18), so until it is wired here an event's
 * material is the secretariat's alone, and others get `material-hidden`.
 */
export function mayReadMaterial(participant: Pick<Participant, 'roles'>, owner: MaterialOwner): boolean {
  if (owner.kind === 'question') return true;
  return participant.roles.includes('secretariat');
}

/** The same rule in SQL over the materials table, for the pull; `$secretariat` is a boolean parameter. */
export const materialShownSql = (secretariat: string) => `(owner_kind = 'question' OR ${secretariat})`;
