/**
 * The search benchmark's page side. On the page's main thread (where the
 * harness reads the heap through the DevTools protocol): one engine built
 * over the synthetic corpus, then the same queries asked of it. Engines:
 * this app's (renderer/search/search-engine.ts, as the search worker holds
 * it), MiniSearch and FlexSearch with their default settings. Plus the app's
 * search service in a worker (search-bench-worker.ts), with the main thread's
 * responsiveness watched meanwhile.
 */
import { Index } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Lang } from '../../shared/languages.js';
import type { Contribution } from '../../shared/model/entities.js';
import { termsOf } from '../../shared/search/index.js';
import { toContributionRow } from '../../renderer/db/apply-page.js';
import { SearchEngine } from '../../renderer/search/search-engine.js';
import { benchQueries, syntheticContributions, type BenchQuery, type QuerySamples } from './search-corpus.js';
import type { ServiceBenchArgs, ServiceBenchResult } from './search-bench-worker.js';

export type EngineName = 'app' | 'minisearch' | 'flexsearch';

let corpus: Contribution[] = [];
let engine: { search(query: BenchQuery): number } | null = null;
let appEngine: SearchEngine | null = null;

function generate(contributions: number): { versions: number; characters: number } {
  corpus = syntheticContributions(contributions);
  let versions = 0;
  let characters = 0;
  for (const c of corpus) {
    versions += c.versions.length;
    for (const v of c.versions) characters += v.text.length;
  }
  return { versions, characters };
}

/** Builds one engine over the corpus; returns milliseconds. The engine is kept for `queries`. */
function build(name: EngineName): number {
  const t0 = performance.now();
  if (name === 'app') {
    const app = new SearchEngine();
    app.epoch = null;
    for (const c of corpus)
      app.putContribution(c.id, toContributionRow(c), { id: c.id, version: 1, versions: c.versions });
    appEngine = app;
    engine = { search: (query) => app.rank(query.text, {}).size };
  } else if (name === 'minisearch') {
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    let id = 0;
    for (const c of corpus) for (const v of c.versions) index.add({ id: id++, text: v.text });
    engine = {
      search: (query) =>
        index.search(query.plain, query.kind === 'prefix' ? { prefix: true } : { combineWith: 'AND' }).length,
    };
  } else {
    const index = new Index();
    let id = 0;
    for (const c of corpus) for (const v of c.versions) index.add(id++, v.text);
    // Its default: the 100 best documents.
    engine = { search: (query) => index.search(query.plain).length };
  }
  return performance.now() - t0;
}

/** Each query `repetitions` times, interleaved, so no query always runs cold. */
function queries(repetitions: number): QuerySamples {
  if (!engine) throw new Error('no engine built');
  const list = benchQueries();
  const times: number[][] = list.map(() => []);
  const hits: number[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    list.forEach((query, i) => {
      const t0 = performance.now();
      const found = engine!.search(query);
      times[i]!.push(performance.now() - t0);
      if (rep === 0) hits.push(found);
    });
  }
  return { times, hits };
}

/** Words of every version: Intl.Segmenter on the whole text, against shared/search's tokenizer. */
function tokenize(): { segmenterMs: number; appMs: number } {
  const segmenters = new Map<Lang, Intl.Segmenter>();
  const t0 = performance.now();
  let words = 0;
  for (const c of corpus)
    for (const v of c.versions) {
      let segmenter = segmenters.get(v.language);
      if (!segmenter) segmenters.set(v.language, (segmenter = new Intl.Segmenter(v.language, { granularity: 'word' })));
      for (const segment of segmenter.segment(v.text)) if (segment.isWordLike) words++;
    }
  const t1 = performance.now();
  for (const c of corpus) for (const v of c.versions) words += termsOf(v.text, v.language).length;
  const t2 = performance.now();
  if (words < 0) throw new Error('unreachable');
  return { segmenterMs: t1 - t0, appMs: t2 - t1 };
}

/**
 * The app's index as a restart leaves it: saved (FlexSearch's export) and
 * loaded into a new engine, which has exact-size arrays where the built one
 * has the spare room of arrays grown one push at a time. Returns milliseconds.
 */
function reload(): number {
  if (!appEngine) throw new Error('the app engine is not built');
  const saved = appEngine.snapshot(false);
  const t0 = performance.now();
  const restored = new SearchEngine();
  restored.restore(saved);
  const ms = performance.now() - t0;
  appEngine = restored;
  engine = { search: (query) => restored.rank(query.text, {}).size };
  return ms;
}

function drop(): void {
  engine = null;
  appEngine = null;
  corpus = [];
}

export interface ServiceRun extends ServiceBenchResult {
  /** The main thread meanwhile: the longest a 10 ms timer fired late, and the longest task the browser reported. */
  maxTimerLagMs: number;
  longestTaskMs: number;
}

/** The app's search service in a worker; the page's main thread is watched the whole time. */
function service(args: ServiceBenchArgs): Promise<ServiceRun> {
  let longestTaskMs = 0;
  let maxTimerLagMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // Long tasks are a Chromium API; the timer below still measures.
  }
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    maxTimerLagMs = Math.max(maxTimerLagMs, now - expected);
    expected = now + 10;
  }, 10);
  const worker = new Worker(new URL('./search-bench-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ServiceRun>((resolve, reject) => {
    worker.onmessage = (
      event: MessageEvent<{ ok: true; result: ServiceBenchResult } | { ok: false; error: string }>,
    ) => {
      clearInterval(timer);
      observer.disconnect();
      worker.terminate();
      if (event.data.ok) resolve({ ...event.data.result, maxTimerLagMs, longestTaskMs });
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      clearInterval(timer);
      observer.disconnect();
      reject(new Error(`search bench worker failed: ${event.message}`));
    };
    worker.postMessage(args);
  });
}

export const searchBench = { generate, build, reload, queries, tokenize, drop, service };

declare global {
  interface Window {
    searchBench: typeof searchBench;
  }
}

window.searchBench = searchBench;
