import type { ErrorCode } from '../shared/protocol/errors.js';

/**
 * What a participant's write came to, as data: the push route answers one per
 * mutation, and none of them is an exception.
 *
 * - applied: the record as the server now holds it (also when nothing had to
 *   change, e.g. a resent mutation);
 * - conflict: the write was made on another version; `current` is the
 *   server's, for the client to merge or show beside its own;
 * - rejected: the write can never apply as sent. Reasons are API error codes
 *   so the UI already has a message for each.
 */
export type WriteResult<T> =
  | { status: 'applied'; record: T }
  | { status: 'conflict'; current: T }
  | { status: 'rejected'; reason: RejectReason; message: string };

export type RejectReason = Extract<ErrorCode, 'forbidden' | 'not-found' | 'validation-failed'>;

export const rejected = (reason: RejectReason, message: string) => ({ status: 'rejected', reason, message }) as const;

/** A schema failure as a rejection, naming each bad field. */
export const invalid = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  rejected(
    'validation-failed',
    error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; '),
  );
