/// <reference lib="webworker" />
/**
 * The app's search, as it runs in the app: the real search service in a Web
 * Worker over a real seminar database (IndexedDB) holding the corpus. A
 * first build from the corpus tables (what a restart would cost without a
 * saved index), a restart from the saved index, and searches answered with
 * their first page of passages read from IndexedDB.
 */
import { toContributionRow } from '../../renderer/db/apply-page.js';
import { openSeminarDb, type ContributionTextRow } from '../../renderer/db/database.js';
import { SearchService } from '../../renderer/search/search-service.js';
import { SearchStore } from '../../renderer/search/search-store.js';
import type { EngineSnapshot } from '../../renderer/search/search-engine.js';
import { benchQueries, syntheticContributions } from './search-corpus.js';

export interface ServiceBenchArgs {
  contributions: number;
  repetitions: number;
}

export interface ServiceBenchResult {
  writeMs: number;
  /** First build from the corpus tables, saving included. */
  buildMs: number;
  saveMs: number;
  savedBytes: number;
  /** A new service on the saved index: from its creation to the first answer. */
  usableAfterRestartMs: number;
  /** Of which: reading the saved index until searches can run. */
  loadMs: number;
  /** Per query (benchQueries() order), per repetition: milliseconds to an answer with its first page of passages. */
  times: number[][];
  hits: number[];
}

/** The real store, timing its saves and weighing what it saves. */
class TimedStore extends SearchStore {
  saveMs = 0;
  bytes = 0;

  override async save(snapshot: EngineSnapshot): Promise<void> {
    const t0 = performance.now();
    await super.save(snapshot);
    this.saveMs += performance.now() - t0;
    let bytes = 0;
    for (const shard of snapshot.shards) {
      const { postings } = shard;
      // Strings as UTF-16, as IndexedDB keeps them.
      bytes += 2 * (postings.words.length + shard.keys.reduce((n, key) => n + key.length, 0));
      for (const array of [postings.counts, postings.dense, postings.offsets, postings.pool]) bytes += array.byteLength;
      bytes += shard.owners.byteLength + shard.hashes.byteLength + shard.extras.byteLength + shard.dead.byteLength;
    }
    this.bytes = Math.max(this.bytes, bytes);
  }
}

async function run(args: ServiceBenchArgs): Promise<ServiceBenchResult> {
  const name = crypto.randomUUID();
  const db = openSeminarDb(`bench-search-${name}`);
  await db.open();
  const t0 = performance.now();
  const corpus = syntheticContributions(args.contributions);
  for (let i = 0; i < corpus.length; i += 500) {
    const chunk = corpus.slice(i, i + 500);
    const texts: ContributionTextRow[] = chunk.map((c) => ({ id: c.id, version: c.version, versions: c.versions }));
    await db.transaction('rw', [db.contributions, db.texts], async () => {
      await db.contributions.bulkPut(chunk.map(toContributionRow));
      await db.texts.bulkPut(texts);
    });
  }
  await db.meta.put({ key: 'sync', value: { epoch: 'bench', checkpoint: 1, head: 1, lastPulledAt: null } });
  const writeMs = performance.now() - t0;
  corpus.length = 0;

  const storeName = `bench-search-index-${name}`;
  const store = new TimedStore(storeName);
  const t1 = performance.now();
  const first = new SearchService({ db, store });
  await first.flush();
  const buildMs = performance.now() - t1;
  first.stop();
  store.close();

  const queries = benchQueries();
  const t2 = performance.now();
  const restarted = new SearchService({ db, store: new SearchStore(storeName) });
  await restarted.search({ query: queries[0]!.text, filters: {}, uiLang: 'en' });
  const usableAfterRestartMs = performance.now() - t2;
  const loadMs = restarted.getStatus().readyMs ?? Number.NaN;

  const times: number[][] = queries.map(() => []);
  const hits: number[] = [];
  for (let rep = 0; rep < args.repetitions; rep++) {
    for (let q = 0; q < queries.length; q++) {
      const t = performance.now();
      const answer = await restarted.search({ query: queries[q]!.text, filters: {}, uiLang: 'en' });
      times[q]!.push(performance.now() - t);
      if (rep === 0) hits.push(answer.total);
    }
  }
  restarted.stop();
  db.close();
  indexedDB.deleteDatabase(`bench-search-${name}`);
  indexedDB.deleteDatabase(storeName);
  return {
    writeMs,
    buildMs,
    saveMs: store.saveMs,
    savedBytes: store.bytes,
    usableAfterRestartMs,
    loadMs,
    times,
    hits,
  };
}

type Reply = { ok: true; result: ServiceBenchResult } | { ok: false; error: string };

self.addEventListener('message', (event: MessageEvent<ServiceBenchArgs>) => {
  const post = (reply: Reply) => (self as unknown as { postMessage(m: Reply): void }).postMessage(reply);
  run(event.data).then(
    (result) => post({ ok: true, result }),
    (error: unknown) =>
      post({ ok: false, error: error instanceof Error ? error.stack || error.message : String(error) }),
  );
});
