/**
 * First-sync measurements, run inside a Web Worker as the app's sync is
 * (renderer/sync/sync-worker.ts), each on a database no one has used.
 */
import { applyPullPage } from '../../renderer/db/apply-page.js';
import { openSeminarDb, type SeminarDb } from '../../renderer/db/database.js';
import { createApiClient } from '../../renderer/sync/api-client.js';
import { pullAll } from '../../renderer/sync/pull-engine.js';
import { forEachPage } from './fetch-pages.js';
import type { BrowserSample, FirstSyncArgs, MeasurementName } from './protocol.js';

const seconds = (since: number) => (performance.now() - since) / 1000;
const freshName = (what: string) => `bench-${what}-${crypto.randomUUID()}`;

async function countRecords(db: SeminarDb): Promise<number> {
  const counts = await Promise.all(db.tables.map((table) => table.count()));
  return counts.reduce((a, b) => a + b, 0);
}

/** The floor: fetch and parse every page, store nothing. */
async function downloadFloor(args: FirstSyncArgs): Promise<BrowserSample> {
  const t0 = performance.now();
  const { records, bytes } = await forEachPage(args);
  return { seconds: seconds(t0), records, bytes };
}

/** The app's first sync: the real pull engine, API client (with its zod validation) and Dexie layout. */
async function realClient(args: FirstSyncArgs): Promise<BrowserSample> {
  const db = openSeminarDb(args.dbName ?? freshName('app'));
  await db.open();
  const client = createApiClient({ baseUrl: args.baseUrl, token: args.token });
  const t0 = performance.now();
  const result = await pullAll({ db, client, limit: args.limit });
  const sample = { seconds: seconds(t0), records: result.received, idbRecords: await countRecords(db) };
  db.close();
  return sample;
}

/**
 * The same pieces (real API client, real applyPullPage) one page at a time,
 * timed phase by phase: where the real client's time goes. Not pipelined, so
 * its total is the sum of the phases and exceeds the real client's.
 */
async function realClientSerial(args: FirstSyncArgs): Promise<BrowserSample> {
  const db = openSeminarDb(freshName('serial'));
  await db.open();
  const parts = { network: 0, parse: 0, validate: 0, write: 0 };
  let bytes = 0;
  // Network: until the body is all here; the client then reads it from memory.
  const timedFetch: typeof fetch = async (input, init) => {
    const t0 = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    parts.network += seconds(t0);
    bytes += body.byteLength;
    return new Response(body, { status: response.status, headers: response.headers });
  };
  // JSON.parse wherever the client calls it; this worker runs nothing else.
  const parse = JSON.parse;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
    const t0 = performance.now();
    const value: unknown = parse(text, reviver);
    parts.parse += seconds(t0);
    return value;
  };
  try {
    const client = createApiClient({ baseUrl: args.baseUrl, token: args.token, fetch: timedFetch });
    let records = 0;
    const t0 = performance.now();
    for (let since = 0, pages = 0; ; pages++) {
      if (pages >= args.maxPages) throw new Error(`pull did not end within ${args.maxPages} pages`);
      const before = parts.network + parts.parse;
      const t1 = performance.now();
      const page = await client.pull(since, args.limit);
      // The rest of pull(): the zod validation, and decoding the body to a string.
      parts.validate += seconds(t1) - (parts.network + parts.parse - before);
      const t2 = performance.now();
      const applied = await applyPullPage(db, page);
      parts.write += seconds(t2);
      if (!applied.applied) throw new Error(`page not applied: ${applied.reason}`);
      records += page.changes.length;
      since = page.checkpoint;
      if (!page.hasMore) break;
    }
    return { seconds: seconds(t0), records, bytes, parts, idbRecords: await countRecords(db) };
  } finally {
    JSON.parse = parse;
    db.close();
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The naive layout: one raw IndexedDB record per language version, each page and its checkpoint in one transaction. */
async function naiveLayout(args: FirstSyncArgs): Promise<BrowserSample> {
  const open = indexedDB.open(freshName('naive'), 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('versions', { keyPath: ['id', 'language'] });
    open.result.createObjectStore('meta', { keyPath: 'key' });
  };
  const db = await request(open);
  let idbRecords = 0;
  const t0 = performance.now();
  const { records, bytes } = await forEachPage(args, async (page) => {
    const tx = db.transaction(['versions', 'meta'], 'readwrite');
    const versions = tx.objectStore('versions');
    for (const change of page.changes) {
      if (change.kind !== 'contribution') continue;
      const { versions: texts, ...contribution } = change.record;
      for (const text of texts) versions.put({ ...contribution, ...text });
      idbRecords += texts.length;
    }
    tx.objectStore('meta').put({ key: 'sync', checkpoint: page.checkpoint });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  });
  const sample = { seconds: seconds(t0), records, bytes, idbRecords };
  db.close();
  return sample;
}

/**
 * The registry the worker dispatches on; a new in-browser figure is one more
 * entry. The RxDB peer runs in a worker of its own (rxdb-worker.ts): it
 * brings its own Dexie, and Dexie refuses to share a global with another version.
 */
export const MEASUREMENTS: Record<
  Exclude<MeasurementName, 'rxdb-replication'>,
  (args: FirstSyncArgs) => Promise<BrowserSample>
> = {
  'download-floor': downloadFloor,
  'real-client': realClient,
  'real-client-serial': realClientSerial,
  'naive-layout': naiveLayout,
};
