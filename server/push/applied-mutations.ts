import type { PushResult } from '../../shared/protocol/push.js';
import type { Queryable } from '../db/database.js';

/** A push result without its mutation id: what is stored, answered with the id as the request spells it. */
export type MutationResult = PushResult extends infer R ? (R extends unknown ? Omit<R, 'mutationId'> : never) : never;

/** What the server remembers of a mutation id (table applied_mutations, see migration 3). */
export interface AppliedMutation {
  participantId: string;
  kind: string;
  result: MutationResult;
}

/**
 * The mutations among `ids` that were pushed before, keyed by lower-case id
 * (PostgreSQL's uuid type answers in lower case, whatever case was sent).
 */
export async function findAppliedMutations(db: Queryable, ids: string[]): Promise<Map<string, AppliedMutation>> {
  const rows = await db.query<{ mutation_id: string; participant_id: string; kind: string; result: MutationResult }>(
    'SELECT mutation_id, participant_id, kind, result FROM applied_mutations WHERE mutation_id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.mutation_id, { participantId: r.participant_id, kind: r.kind, result: r.result }]));
}

/**
 * Records a mutation's result inside the transaction that made its write, so
 * either both happened or neither. Throws a unique violation (see
 * isRecordedAlready) when the id is already recorded, which rolls the write back.
 */
export async function recordAppliedMutation(tx: Queryable, mutationId: string, applied: AppliedMutation) {
  await tx.query('INSERT INTO applied_mutations (mutation_id, participant_id, kind, result) VALUES ($1, $2, $3, $4)', [
    mutationId,
    applied.participantId,
    applied.kind,
    JSON.stringify(applied.result),
  ]);
}

/**
 * recordAppliedMutation for several mutations in one statement (a group's,
 * at its end, inside the same transaction and savepoint as their writes).
 */
export async function recordAppliedMutations(tx: Queryable, applied: ReadonlyMap<string, AppliedMutation>) {
  if (applied.size === 0) return;
  const rows = [...applied];
  await tx.query(
    `INSERT INTO applied_mutations (mutation_id, participant_id, kind, result)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
    [
      rows.map(([id]) => id),
      rows.map(([, a]) => a.participantId),
      rows.map(([, a]) => a.kind),
      rows.map(([, a]) => JSON.stringify(a.result)),
    ],
  );
}

/** The error recordAppliedMutation throws for an id recorded by another transaction (pg and PGlite alike). */
export function isRecordedAlready(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === 'applied_mutations_pkey';
}
