import type { Role } from '../model/entities.js';
import type { ReviewState } from '../model/proceedings.js';

/**
 * Who may move a review state where (issue 20): rapporteurs propose (a draft
 * goes into review, or back to draft), the secretariat approves, sends back
 * and publishes. Only the whole is published (that makes an edition); after
 * publication, anyone who writes may start the next round (back to draft),
 * and the next publication makes the next edition. The server checks every
 * pushed move against this table; the app shows only the moves it allows.
 */
interface Move {
  from: ReviewState;
  to: ReviewState;
  roles: readonly Role[];
  /** Moves only the whole makes. */
  wholeOnly?: boolean;
}

const WRITERS = ['rapporteur', 'secretariat'] as const;
const SECRETARIAT = ['secretariat'] as const;

export const REVIEW_MOVES: readonly Move[] = [
  { from: 'draft', to: 'in-review', roles: WRITERS },
  { from: 'in-review', to: 'draft', roles: WRITERS },
  { from: 'in-review', to: 'approved', roles: SECRETARIAT },
  { from: 'approved', to: 'in-review', roles: SECRETARIAT },
  { from: 'approved', to: 'published', roles: SECRETARIAT, wholeOnly: true },
  { from: 'published', to: 'draft', roles: WRITERS, wholeOnly: true },
];

export type MoveCheck = { ok: true } | { ok: false; reason: 'forbidden' | 'not-a-move' };

/** Whether someone holding `roles` in the event may move `target` from one state to another. */
export function checkMove(roles: readonly Role[], whole: boolean, from: ReviewState, to: ReviewState): MoveCheck {
  const move = REVIEW_MOVES.find((m) => m.from === from && m.to === to && (whole || !m.wholeOnly));
  if (!move) return { ok: false, reason: 'not-a-move' };
  return roles.some((r) => move.roles.includes(r)) ? { ok: true } : { ok: false, reason: 'forbidden' };
}

/** The moves someone may make from a state (the app's buttons). */
export function movesFrom(roles: readonly Role[], whole: boolean, from: ReviewState): ReviewState[] {
  return REVIEW_MOVES.filter((m) => m.from === from && (whole || !m.wholeOnly))
    .filter((m) => roles.some((r) => m.roles.includes(r)))
    .map((m) => m.to);
}
