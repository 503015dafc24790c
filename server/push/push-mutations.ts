import type { Mutation } from '../../shared/protocol/mutations.js';
import type { PushResult } from '../../shared/protocol/push.js';
import type { Participant } from '../../shared/model/entities.js';
import { writeTransaction, type Database } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { applyMutationTx } from './apply-mutation.js';
import {
  findAppliedMutations,
  isRecordedAlready,
  recordAppliedMutation,
  type AppliedMutation,
  type MutationResult,
} from './applied-mutations.js';
import { groupCommitterOf, type Applied } from './group-commit.js';

/**
 * How a push is applied: each mutation id at most once.
 *
 * - The first time an id arrives, its store applies it and its result
 *   (applied, conflict or rejected) is recorded in the same transaction, so a
 *   crash leaves both or neither. Mutations go in order, in small groups; the
 *   groups of concurrent requests share transactions (group-commit.ts), so
 *   many clients share the cost of commits, but the write lock, which every
 *   writer takes, is never held for long.
 * - An id already recorded for this participant answers the recorded result
 *   and changes nothing (a resent batch after a lost response); recorded for
 *   someone else, it answers `forbidden` and reveals nothing of it.
 * - Two requests carrying the same id at once: in one transaction, the later
 *   group answers the earlier one's record; across server instances the
 *   primary key lets one record it, the other's group rolls back, is applied
 *   again one mutation per transaction, and that id answers the record.
 * - A mutation that failed the schema is answered `validation-failed` and not
 *   recorded: the same server answers the same again, and a server that
 *   learned to accept it later should apply it rather than repeat a refusal.
 */

/** One mutation of a request: parsed, or refused by the schema (its id is still a valid uuid). */
export type PushedMutation =
  { id: string; kind: string; mutation: Mutation } | { id: string; kind: string | undefined; refused: MutationResult };

export async function pushMutations(
  db: Database,
  participant: Participant,
  mutations: PushedMutation[],
): Promise<PushResult[]> {
  // Ids already recorded are looked up inside the transaction that would apply them (group-commit.ts);
  // only a refused mutation's id is looked up here: a record of it answers for it.
  const refusedIds = mutations.flatMap((m) => ('refused' in m ? [m.id] : []));
  const recorded = refusedIds.length ? await findAppliedMutations(db, refusedIds) : new Map<string, AppliedMutation>();
  // Each id once: the same id twice in a batch answers the first one's result.
  const toApply = new Map<string, Mutation>();
  for (const m of mutations) {
    const key = m.id.toLowerCase();
    if ('mutation' in m && !recorded.has(key) && !toApply.has(key)) toApply.set(key, m.mutation);
  }
  const pending = [...toApply.values()];
  let changed = false;
  try {
    for (let i = 0; i < pending.length; i += GROUP_SIZE) {
      for (const done of await applyGroup(db, participant, pending.slice(i, i + GROUP_SIZE))) {
        recorded.set(done.mutation.id.toLowerCase(), done.applied);
        changed ||= done.changed;
      }
    }
  } finally {
    // Once for the batch, also when a later group failed: the earlier ones are committed.
    // (Groups committed with others were announced by the committer.)
    if (changed) await db.announce();
  }
  return mutations.map((m) => {
    const applied = recorded.get(m.id.toLowerCase());
    if (applied) return { mutationId: m.id, ...answerRecorded(applied, participant, m.kind) };
    if ('refused' in m) return { mutationId: m.id, ...m.refused };
    throw new Error(`mutation ${m.id} was neither applied nor refused`);
  });
}

/**
 * Mutations per transaction: enough to spread the cost of a commit (an fsync
 * on PostgreSQL), few enough that others wait on the write lock only briefly.
 */
const GROUP_SIZE = 20;

/**
 * A group of one request, committed with the groups of other requests that
 * arrived meanwhile (group-commit.ts), and announced there: its `changed`
 * flags are turned off so the request does not announce again.
 */
async function applyGroup(db: Database, participant: Participant, group: Mutation[]): Promise<Applied[]> {
  try {
    const done = await groupCommitterOf(db).apply(participant, group);
    return done.map((d) => ({ ...d, changed: false }));
  } catch (error) {
    if (!isRecordedAlready(error)) throw error;
    return applyAlone(db, participant, group);
  }
}

/** The path of a group that met an id recorded meanwhile: its own transactions, one mutation each if need be. */
async function applyAlone(db: Database, participant: Participant, group: Mutation[]): Promise<Applied[]> {
  try {
    return await writeTransaction(db, async (tx) => {
      const done: Applied[] = [];
      for (const mutation of group) {
        const { result, changed } = await applyMutationTx(tx, participant, mutation);
        // Stored as jsonb, which refuses NUL and lone surrogates; answered exactly as stored.
        const applied = { participantId: participant.id, kind: mutation.kind, result: toStorable(result) };
        await recordAppliedMutation(tx, mutation.id, applied);
        done.push({ mutation, applied, changed });
      }
      return done;
    });
  } catch (error) {
    if (!isRecordedAlready(error)) throw error;
    if (group.length > 1) {
      // Another request recorded one of these ids meanwhile: one transaction each tells which.
      const done: Applied[] = [];
      for (const mutation of group) done.push(...(await applyAlone(db, participant, [mutation])));
      return done;
    }
    const mutation = group[0]!;
    const applied = (await findAppliedMutations(db, [mutation.id])).get(mutation.id.toLowerCase());
    if (!applied) throw error;
    return [{ mutation, applied, changed: false }];
  }
}

function answerRecorded(applied: AppliedMutation, participant: Participant, kind: string | undefined): MutationResult {
  if (applied.participantId !== participant.id)
    return { status: 'rejected', reason: 'forbidden', message: 'this mutation id belongs to another participant' };
  if (kind !== applied.kind)
    return {
      status: 'rejected',
      reason: 'validation-failed',
      message: `this mutation id was already used for a ${applied.kind} mutation`,
    };
  return applied.result;
}
