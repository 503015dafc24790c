import type { ErrorCode } from '../shared/protocol/errors.js';
import { writeTransaction, type Database, type Queryable } from './db/database.js';

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

/** A write's result, and whether it changed a row (then pullers must be told, once it is committed). */
export interface WriteOutcome<T> {
  result: WriteResult<T>;
  changed: boolean;
}

export const unchanged = <T>(result: WriteResult<T>): WriteOutcome<T> => ({ result, changed: false });

/**
 * Runs one write (a `…Tx` store function) in its own write transaction and
 * announces it once committed. The push runs the same functions in a
 * transaction of its own, together with the record of the mutation.
 */
export async function commitWrite<T>(
  db: Database,
  write: (tx: Queryable) => Promise<WriteOutcome<T>>,
): Promise<WriteResult<T>> {
  const { result, changed } = await writeTransaction(db, write);
  if (changed) await db.announce();
  return result;
}
