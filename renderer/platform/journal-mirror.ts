import { liveQuery, type Subscription } from 'dexie';
import {
  journalBatches,
  journalErrorCode,
  journalIdBatches,
  type JournalEntry,
  type SeminarBridge,
} from '../../shared/bridge.js';
import { mutationSchema } from '../../shared/protocol/mutations.js';
import type { SeminarDb } from '../db/database.js';

export interface JournalMirrorEvents {
  /** Unsent changes put back into the outbox from the journal (the database had been wiped or lost them). */
  onRecovered(count: number, databaseWiped: boolean): void;
  /** A journal write failed: the outbox alone holds the work; `code` is 'disk-full', 'io-error'… */
  onProblem(code: string): void;
}

export interface JournalMirror {
  /** Resolves once the start-up check (and any replay) is done. */
  ready: Promise<void>;
  stop(): void;
}

interface Sentinel {
  generation: number;
}

/**
 * Keeps the shell's journal a copy of the outbox, and restores the outbox from
 * it when IndexedDB was wiped. The protocol is written down in shared/bridge.ts;
 * in short: a sentinel row holds the shell's generation, a database without it
 * is new, and a new database while the shell's generation is past 0 was wiped.
 * Replaying is idempotent (the outbox is keyed by mutation id, the server
 * applies each id once), so a replay cut short is simply done again.
 */
export function startJournalMirror(db: SeminarDb, bridge: SeminarBridge, events: JournalMirrorEvents): JournalMirror {
  let subscription: Subscription | null = null;
  let stopped = false;
  const report = (error: unknown) => events.onProblem(journalErrorCode(error) ?? 'io-error');

  const ready = (async () => {
    const identity = await bridge.storageIdentity();
    if (!identity.supported || stopped) return;
    const sentinel = (await db.meta.get('sentinel'))?.value as Sentinel | undefined;
    if (!sentinel || sentinel.generation !== identity.generation) {
      const wiped = !sentinel && identity.generation > 0;
      const recovered = await replay(db, bridge);
      const generation = await bridge.storageIdentityBump();
      await db.meta.put({ key: 'sentinel', value: { generation } satisfies Sentinel });
      if (recovered > 0 || wiped) events.onRecovered(recovered, wiped);
    }
    // Journal the whole outbox again: repairs an append a crash or a full disk cut off.
    const journalled = new Set<string>();
    const append = async (entries: JournalEntry[]) => {
      for (const batch of journalBatches(entries)) {
        await bridge.journalAppend(batch);
        for (const entry of batch) journalled.add(entry.mutationId);
      }
    };
    const acknowledge = async (ids: string[]) => {
      for (const batch of journalIdBatches(ids)) await bridge.journalAcknowledge(batch);
      for (const id of ids) journalled.delete(id);
    };
    const entriesOf = (rows: { mutationId: string; mutation: unknown }[]) =>
      rows.map((row) => ({ mutationId: row.mutationId, mutation: row.mutation }));
    await append(entriesOf(await db.outbox.toArray())).catch(report);
    if (stopped) return;
    // One change at a time, in order; an append refused (full disk) is tried again on the next change.
    let queue = Promise.resolve();
    subscription = liveQuery(() => db.outbox.toArray()).subscribe({
      next(rows) {
        queue = queue
          .then(async () => {
            const now = new Set(rows.map((row) => row.mutationId));
            const added = rows.filter((row) => !journalled.has(row.mutationId));
            const gone = [...journalled].filter((id) => !now.has(id));
            if (added.length) await append(entriesOf(added));
            if (gone.length) await acknowledge(gone);
          })
          .catch(report);
      },
      error: report,
    });
  })().catch(report);

  return {
    ready,
    stop() {
      stopped = true;
      subscription?.unsubscribe();
    },
  };
}

/** Puts journal entries missing from the outbox back into it; returns how many. */
async function replay(db: SeminarDb, bridge: SeminarBridge): Promise<number> {
  const pending = await bridge.journalPending();
  if (!pending.supported || pending.entries.length === 0) return 0;
  return db.transaction('rw', db.outbox, async () => {
    let count = 0;
    for (const entry of pending.entries) {
      // The file lives outside the database: trust nothing in it unchecked.
      const parsed = mutationSchema.safeParse(entry.mutation);
      if (!parsed.success || parsed.data.id !== entry.mutationId) continue;
      if (await db.outbox.where('mutationId').equals(entry.mutationId).count()) continue;
      await db.outbox.add({
        mutationId: parsed.data.id,
        kind: parsed.data.kind,
        mutation: parsed.data,
        createdAt: new Date().toISOString(),
      });
      count += 1;
    }
    return count;
  });
}
