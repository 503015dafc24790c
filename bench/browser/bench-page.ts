/**
 * Runs inside headless Chromium, served by the real server (same origin), and
 * exposes one function per measurement on `window.bench`. Each returns plain
 * numbers; bench/run.ts takes medians and prints the table.
 */
import { openSeminarDb } from '../../renderer/db/database.js';
import { createApiClient } from '../../renderer/sync/api-client.js';
import { pullAll } from '../../renderer/sync/pull-engine.js';
import type { PullPage } from '../../shared/protocol/pull.js';

interface Timing {
  seconds: number;
  bytes: number;
  records: number;
  fetchSeconds?: number;
  parseSeconds?: number;
  writeSeconds?: number;
}

async function fetchPages(
  baseUrl: string,
  token: string,
  limit: number,
  onPage: (page: PullPage) => Promise<void> | void,
): Promise<{ bytes: number; fetchSeconds: number; parseSeconds: number }> {
  let since = 0;
  let bytes = 0;
  let fetchSeconds = 0;
  let parseSeconds = 0;
  for (;;) {
    const t0 = performance.now();
    const response = await fetch(`${baseUrl}/api/changes?since=${since}&limit=${limit}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    const t1 = performance.now();
    const page = JSON.parse(text) as PullPage;
    const t2 = performance.now();
    fetchSeconds += (t1 - t0) / 1000;
    parseSeconds += (t2 - t1) / 1000;
    bytes += text.length;
    await onPage(page);
    since = page.checkpoint;
    if (!page.hasMore) return { bytes, fetchSeconds, parseSeconds };
  }
}

/** The floor: fetch and parse every page, store nothing. */
async function downloadFloor(baseUrl: string, token: string, limit: number): Promise<Timing> {
  const start = performance.now();
  let records = 0;
  const result = await fetchPages(baseUrl, token, limit, (page) => {
    records += page.changes.length;
  });
  return { seconds: (performance.now() - start) / 1000, records, ...result };
}

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The naive layout: one raw IndexedDB record per language version. */
async function naiveLayout(baseUrl: string, token: string, limit: number): Promise<Timing> {
  const name = `bench-naive-${Math.random()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('versions', { keyPath: ['id', 'language'] });
  const db = await idbRequest(open);
  const start = performance.now();
  let records = 0;
  let writeSeconds = 0;
  const result = await fetchPages(baseUrl, token, limit, async (page) => {
    const t0 = performance.now();
    const tx = db.transaction('versions', 'readwrite');
    const store = tx.objectStore('versions');
    for (const change of page.changes) {
      if (change.kind !== 'contribution') continue;
      const { versions, ...meta } = change.record;
      for (const version of versions) {
        store.put({ ...meta, ...version, id: meta.id });
        records += 1;
      }
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    writeSeconds += (performance.now() - t0) / 1000;
  });
  const seconds = (performance.now() - start) / 1000;
  db.close();
  indexedDB.deleteDatabase(name);
  return { seconds, records, writeSeconds, ...result };
}

/** The app's own first sync: the real pull engine into the real Dexie layout. */
async function appFirstSync(baseUrl: string, token: string, limit: number): Promise<Timing> {
  const name = `bench-app-${Math.random()}`;
  const db = openSeminarDb(name);
  await db.open();
  const client = createApiClient({ baseUrl, token });
  const start = performance.now();
  await pullAll({ db, client, limit });
  const seconds = (performance.now() - start) / 1000;
  const records = await db.contributions.count();
  db.close();
  await db.delete();
  return { seconds, bytes: 0, records };
}

/** Opening a contribution and switching its language, as the reader does. */
async function readerOpen(baseUrl: string, token: string, limit: number, samples: number) {
  const name = `bench-reader-${Math.random()}`;
  const db = openSeminarDb(name);
  await db.open();
  await pullAll({ db, client: createApiClient({ baseUrl, token }), limit });
  const ids = (await db.contributions.limit(samples * 10).primaryKeys()).filter((_, i) => i % 10 === 0);
  const open: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    const [row, text] = await Promise.all([db.contributions.get(id), db.texts.get(id)]);
    if (!row || !text) throw new Error(`missing ${id}`);
    open.push(performance.now() - t0);
  }
  db.close();
  await db.delete();
  open.sort((a, b) => a - b);
  return { medianMs: open[Math.floor(open.length / 2)] ?? 0, p95Ms: open[Math.floor(open.length * 0.95)] ?? 0 };
}

declare global {
  interface Window {
    bench: {
      downloadFloor: typeof downloadFloor;
      naiveLayout: typeof naiveLayout;
      appFirstSync: typeof appFirstSync;
      readerOpen: typeof readerOpen;
      heapMB(): number;
    };
  }
}

window.bench = {
  downloadFloor,
  naiveLayout,
  appFirstSync,
  readerOpen,
  heapMB: () => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6,
};
document.title = 'bench-ready';
