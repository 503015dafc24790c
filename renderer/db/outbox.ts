import type { Mutation } from '../../shared/protocol/mutations.js';
import type { SeminarDb } from './database.js';
import { BadTextError, findBadTextField } from '../../shared/text/storable-characters.js';

/**
 * Appends a mutation; call it inside the transaction that makes the change it
 * describes. A mutation the server would refuse for good because of a NUL or
 * half a character (shared/text/storable-characters.ts) is not queued: the
 * BadTextError aborts the transaction, the change is not made, and the screen
 * says so while the text is still where it was typed.
 */
export async function appendOutbox(db: SeminarDb, mutation: Mutation): Promise<number | undefined> {
  const field = findBadTextField(mutation);
  if (field !== null) throw new BadTextError(field);
  return db.outbox.add({ mutationId: mutation.id, kind: mutation.kind, mutation, createdAt: new Date().toISOString() });
}

export function pendingMutations(db: SeminarDb): Promise<Mutation[]> {
  return db.outbox
    .orderBy('seq')
    .toArray()
    .then((rows) => rows.map((row) => row.mutation));
}
