import type { Mutation } from '../../shared/protocol/mutations.js';
import type { Participant } from '../../shared/model/entities.js';
import { writeTransaction, type Database, type Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { readAhead, type AnnotationReads } from '../annotations/annotation-store.js';
import { applyAnnotationPutsTx, applyMutationTx } from './apply-mutation.js';
import {
  findAppliedMutations,
  recordAppliedMutations,
  type AppliedMutation,
  type MutationResult,
} from './applied-mutations.js';

/** One mutation applied (or answered from a record): what pushMutations answers with. */
export interface Applied {
  mutation: Mutation;
  applied: AppliedMutation;
  changed: boolean;
}

interface Entry {
  participant: Participant;
  mutations: Mutation[];
  resolve(done: Applied[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit of concurrent pushes. Every write takes the one write lock
 * (writeTransaction), so 200 clients pushing at once used to queue 200
 * transactions, each holding a pooled connection while it waited for the
 * lock, and each paying its BEGIN, lock, COMMIT and announcement. Here the
 * groups that arrive while a transaction runs wait, and the next transaction
 * applies them all, one after another in arrival order, each group's
 * mutations in their own order.
 *
 * Each group sits behind a savepoint: a group that fails (a mutation id
 * recorded meanwhile by another server instance, a store's error) is rolled
 * back alone and its caller gets the error, as if it had had its own
 * transaction; the others commit. Each mutation is still recorded in
 * applied_mutations in the transaction that made its write. A mutation id
 * that an earlier group of the same transaction recorded is answered that
 * record, as a later transaction would have.
 */
export class GroupCommitter {
  private readonly queue: Entry[] = [];
  private running = false;
  /** Transactions committed, and groups in them (tests and the benchmarks read these). */
  readonly stats = { transactions: 0, groups: 0 };

  /** Groups waiting for the next transaction. */
  get waiting(): number {
    return this.queue.length;
  }

  constructor(
    private readonly db: Database,
    /** A transaction takes groups until it holds this many mutations: the write lock is never held long. */
    private readonly maxMutations = 200,
  ) {}

  /**
   * Applies `mutations` (in this order) in the next transaction, each id answered its record when it has one;
   * resolves once committed.
   */
  apply(participant: Participant, mutations: Mutation[]): Promise<Applied[]> {
    return new Promise<Applied[]>((resolve, reject) => {
      this.queue.push({ participant, mutations, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) await this.commit();
    } finally {
      this.running = false;
    }
  }

  /** The groups waiting now, in arrival order, up to maxMutations (at least one). */
  private take(): Entry[] {
    const batch: Entry[] = [];
    let size = 0;
    while (this.queue.length && (batch.length === 0 || size + this.queue[0]!.mutations.length <= this.maxMutations)) {
      const entry = this.queue.shift()!;
      batch.push(entry);
      size += entry.mutations.length;
    }
    return batch;
  }

  private async commit(): Promise<void> {
    let batch: Entry[] | undefined;
    const outcomes = new Map<Entry, { done: Applied[] } | { error: unknown }>();
    let changed = false;
    try {
      await writeTransaction(this.db, async (tx) => {
        // Taken once the write lock is ours: whoever arrived while we waited for it comes along.
        batch ??= this.take();
        outcomes.clear();
        const recordedHere = new Map<string, AppliedMutation>();
        for (const [i, entry] of batch.entries()) {
          // Alone in its transaction, a group needs no savepoint: its error rolls back the transaction.
          if (batch.length === 1) {
            outcomes.set(entry, { done: await applyEntry(tx, entry, recordedHere) });
            continue;
          }
          await tx.query(`SAVEPOINT group_${i}`);
          try {
            const done = await applyEntry(tx, entry, recordedHere);
            await tx.query(`RELEASE SAVEPOINT group_${i}`);
            outcomes.set(entry, { done });
          } catch (error) {
            await tx.query(`ROLLBACK TO SAVEPOINT group_${i}`);
            outcomes.set(entry, { error });
          }
        }
      });
      for (const outcome of outcomes.values()) if ('done' in outcome) changed ||= outcome.done.some((d) => d.changed);
    } catch (error) {
      // The transaction failed (or could not start: a full disk), or the group alone in it did: nothing was written.
      batch ??= this.take();
      for (const entry of batch) outcomes.set(entry, { error });
    }
    batch ??= this.take(); // (the transaction always runs its callback when it succeeds)
    this.stats.transactions++;
    this.stats.groups += batch.length;
    // Once for the whole transaction, before anyone is answered: a client told "applied" can be sure others heard.
    if (changed) await this.db.announce().catch(() => undefined);
    for (const entry of batch) {
      const outcome = outcomes.get(entry)!;
      if ('done' in outcome) entry.resolve(outcome.done);
      else entry.reject(outcome.error);
    }
  }
}

async function applyEntry(tx: Queryable, entry: Entry, recordedHere: Map<string, AppliedMutation>): Promise<Applied[]> {
  const done: Applied[] = [];
  const mine = new Map<string, AppliedMutation>();
  // Looked up here, under the write lock: no other transaction of this instance can record them meanwhile.
  const recordedBefore = await findAppliedMutations(
    tx,
    entry.mutations.map((m) => m.id),
  );
  const reads = await annotationReadsAhead(tx, entry.mutations);
  const earlier = (m: Mutation) => recordedBefore.get(m.id.toLowerCase()) ?? recordedHere.get(m.id.toLowerCase());
  const record = (mutation: Mutation, { result, changed }: { result: MutationResult; changed: boolean }) => {
    // Stored as jsonb, which refuses NUL and lone surrogates; answered exactly as stored.
    const applied = { participantId: entry.participant.id, kind: mutation.kind, result: toStorable(result) };
    mine.set(mutation.id.toLowerCase(), applied);
    return { mutation, applied, changed };
  };
  const fresh = entry.mutations.filter((m) => !earlier(m));
  const puts = reads && onePutPerNote(fresh);
  const together = puts ? await applyAnnotationPutsTx(tx, entry.participant, puts, reads) : undefined;
  for (const mutation of entry.mutations) {
    const found = earlier(mutation);
    if (found) done.push({ mutation, applied: found, changed: false });
    else if (together) done.push(record(mutation, together[fresh.indexOf(mutation)]!));
    else done.push(record(mutation, await applyMutationTx(tx, entry.participant, mutation, reads)));
  }
  // In the group's transaction and savepoint, so a result is recorded exactly when its write is kept.
  await recordAppliedMutations(tx, mine);
  // Only once the whole group stands: a group rolled back to its savepoint recorded nothing.
  for (const [key, applied] of mine) recordedHere.set(key, applied);
  return done;
}

/** The mutations, when they are all annotation puts, each of another note (else one depends on another). */
function onePutPerNote(mutations: Mutation[]): Extract<Mutation, { kind: 'annotation-put' }>[] | undefined {
  const notes = new Set<string>();
  const puts: Extract<Mutation, { kind: 'annotation-put' }>[] = [];
  for (const m of mutations) {
    if (m.kind !== 'annotation-put' || notes.has(m.annotation.id)) return undefined;
    notes.add(m.annotation.id);
    puts.push(m);
  }
  return puts.length > 1 ? puts : undefined;
}

/**
 * A group of annotation writes alone (a device's notes: most pushes) reads
 * its annotations and targets in two queries instead of two per mutation.
 * A group with other kinds of writes reads as it goes: one of them could
 * change what a later annotation write reads (a contribution it targets).
 */
async function annotationReadsAhead(tx: Queryable, mutations: Mutation[]): Promise<AnnotationReads | undefined> {
  const ids: string[] = [];
  const contributions: string[] = [];
  for (const m of mutations) {
    if (m.kind === 'annotation-put') {
      ids.push(m.annotation.id);
      contributions.push(m.annotation.target.contributionId);
    } else if (m.kind === 'annotation-delete') ids.push(m.annotationId);
    else return undefined;
  }
  return mutations.length > 1 ? readAhead(tx, ids, contributions) : undefined;
}

const committers = new WeakMap<Database, GroupCommitter>();

/** The one committer of a database in this process. */
export function groupCommitterOf(db: Database): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer;
}
