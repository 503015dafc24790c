/**
 * The peer: RxDB (open-source core) with its Dexie.js storage, filled by its
 * own replication protocol (`replicateRxCollection`, pull only, not live)
 * from the real server's /api/changes. The pull handler maps each page's
 * changes to RxDB documents (one per record, the change kept whole, as a
 * generic RxDB client of an existing endpoint would) and hands RxDB the
 * server's checkpoint; RxDB stores the documents and the checkpoint (a
 * pull-only replication keeps no per-document server state), from which it
 * would resume after a restart.
 */
import { createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Change } from '../../shared/protocol/pull.js';
import { fetchPage } from './fetch-pages.js';
import type { BrowserSample, FirstSyncArgs } from './protocol.js';

interface CorpusDoc {
  /** `kind:id`: a record's later change replaces its document. */
  key: string;
  kind: string;
  /** For lists by question, as the app's own index; '' for other kinds. */
  questionId: string;
  seq: number;
  change: Change;
}

type Checkpoint = { seq: number };

const schema: RxJsonSchema<CorpusDoc> = {
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 200 },
    kind: { type: 'string', maxLength: 40 },
    questionId: { type: 'string', maxLength: 200 },
    seq: { type: 'number', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
    change: { type: 'object' },
  },
  // The Dexie storage indexes only required fields.
  required: ['key', 'kind', 'questionId', 'seq', 'change'],
  indexes: ['questionId'],
};

/** Where a change lands, and whether it removes what is there. */
function toDocument(change: Change): CorpusDoc & { _deleted: boolean } {
  const doc = (key: string, deleted = false, questionId = '') => ({
    key,
    kind: change.kind,
    questionId,
    seq: change.seq,
    change,
    _deleted: deleted,
  });
  switch (change.kind) {
    case 'contribution':
      return doc(`contribution:${change.record.id}`, false, change.record.questionId);
    case 'annotation-hidden':
      return doc(`annotation:${change.id}`, true);
    case 'event-left':
      return doc(`event:${change.id}`, true);
    case 'material-hidden':
      return doc(`material:${change.id}`, true);
    case 'material-note-hidden':
      return doc(`material-note:${change.id}`, true);
    case 'read-state':
      return doc(`read-state:${change.record.contributionId}`);
    case 'withdrawal':
      return doc(`withdrawal:${change.id}`);
    case 'synthesis-update':
      return doc(`synthesis-update:${change.seq}`);
    case 'tombstone':
      return doc(`${change.entity}:${change.id}`, true);
    case 'proceedings':
      return doc(`proceedings:${change.record.eventId}`);
    default:
      return doc(`${change.kind}:${change.record.id}`);
  }
}

export async function rxdbReplication(args: FirstSyncArgs): Promise<BrowserSample> {
  const db = await createRxDatabase({
    name: `bench-rxdb-${crypto.randomUUID()}`,
    // The app's durability (renderer/db/database.ts): a write RxDB reports done has reached the disk.
    storage: getRxStorageDexie({ chromeTransactionDurability: 'strict' }),
    // One instance in one worker, as the app's sync is: no cross-tab events, no leader election.
    multiInstance: false,
  });
  const { corpus } = await db.addCollections({ corpus: { schema } });
  let records = 0;
  let bytes = 0;
  let pages = 0;
  const t0 = performance.now();
  const replication = replicateRxCollection<CorpusDoc, Checkpoint>({
    collection: corpus,
    replicationIdentifier: `seminar-desk-pull-${args.baseUrl}`,
    live: false,
    waitForLeadership: false,
    retryTime: 1_000,
    pull: {
      batchSize: args.limit,
      /**
       * RxDB ends its pull at the first batch shorter than batchSize; our
       * server also ends a page early at 4 M characters, so a short page that
       * says hasMore is followed here until the batch is full.
       */
      async handler(checkpoint, batchSize) {
        const documents: (CorpusDoc & { _deleted: boolean })[] = [];
        let since = checkpoint?.seq ?? 0;
        for (;;) {
          if (++pages > args.maxPages) throw new Error(`pull did not end within ${args.maxPages} pages`);
          const fetched = await fetchPage({ ...args, limit: batchSize - documents.length }, since);
          bytes += fetched.bytes;
          records += fetched.page.changes.length;
          for (const change of fetched.page.changes) documents.push(toDocument(change));
          since = fetched.page.checkpoint;
          if (!fetched.page.hasMore || documents.length >= batchSize) return { documents, checkpoint: { seq: since } };
        }
      },
    },
  });
  try {
    const failed = new Promise<never>((_, reject) =>
      replication.error$.subscribe((error) => reject(new Error(`RxDB replication failed: ${error.message}`))),
    );
    failed.catch(() => undefined); // an error after the end is not this measurement's
    await Promise.race([replication.awaitInitialReplication(), failed]);
    const seconds = (performance.now() - t0) / 1000;
    const idbRecords = await corpus.count().exec();
    return { seconds, records, bytes, idbRecords };
  } finally {
    await replication.cancel();
    await db.close();
  }
}
