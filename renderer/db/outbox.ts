import type { Mutation } from '../../shared/protocol/mutations.js';
import type { SeminarDb } from './database.js';

/** Appends a mutation; call it inside the transaction that makes the change it describes. */
export function appendOutbox(db: SeminarDb, mutation: Mutation): Promise<number | undefined> {
  return db.outbox.add({ mutationId: mutation.id, kind: mutation.kind, mutation, createdAt: new Date().toISOString() });
}

export function pendingMutations(db: SeminarDb): Promise<Mutation[]> {
  return db.outbox
    .orderBy('seq')
    .toArray()
    .then((rows) => rows.map((row) => row.mutation));
}
