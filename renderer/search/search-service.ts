import { liveQuery, type Subscription } from 'dexie';
import type { ContributionId, Participant } from '../../shared/model/entities.js';
import type { AnnotationRow, ContributionRow, ContributionTextRow, SeminarDb } from '../db/database.js';
import { getSyncMeta } from '../db/queries.js';
import type { IndexStatus, SearchRequest, SearchResponse } from './protocol.js';
import { buildPage } from './result-page.js';
import { SearchEngine, type Ranking } from './search-engine.js';
import type { SearchStore } from './search-store.js';

/**
 * Keeps the search index in step with the corpus tables, and answers
 * searches. Runs in the search worker (search-worker.ts), off the UI thread;
 * tests run it in-process.
 *
 * - At start it loads the saved index (search-store.ts) and searches at once;
 *   it never rebuilds from scratch a corpus it has indexed (bench/cases/
 *   search.ts measures both).
 * - A pull page leaves a row in the sync's search queue (apply-page.ts); each
 *   listed contribution is re-read and re-indexed, version by version (an
 *   unchanged text is skipped), a withdrawn one removed. A first start, or a
 *   corpus from another server, is indexed in full, resumably.
 * - Notes follow the annotations table, and the filters its tags and authors.
 * - Work is done in slices of a few milliseconds so that a search waits at
 *   most one slice, and the index is saved a little after it stops changing;
 *   queue rows are deleted only once an index holding them is saved.
 * - While a sync pulls, indexing waits (`hold`): on two cores it would take
 *   half the CPU the sync needs (issue 19). What the pull brought is indexed
 *   right after it, from the queue; searches are answered meanwhile.
 */

export interface SearchServiceOptions {
  db: SeminarDb;
  store: SearchStore;
  onStatus?: (status: IndexStatus) => void;
  /** Longest stretch of indexing between two chances to answer a search. */
  sliceMs?: number;
  /** Quiet time after the last change before the index is saved, and the longest a change waits. */
  saveDelayMs?: number;
  saveMaxDelayMs?: number;
  /** The longest indexing waits for a sync that says it is still pulling (a stuck pull must not stop search). */
  maxHoldMs?: number;
}

const BATCH = 100;
const PAGE = 20;

type Task = 'catchUp' | 'notes' | 'reap';

/** A macrotask boundary, without the 4 ms clamp nested timeouts get. */
function makeYield(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((resolve) => setTimeout(resolve, 0));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node keeps a process alive for an open port; the browser has no such notion.
  (channel.port1 as unknown as { unref?(): void }).unref?.();
  (channel.port2 as unknown as { unref?(): void }).unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}

export class SearchService {
  private readonly db: SeminarDb;
  private readonly store: SearchStore;
  private readonly sliceMs: number;
  private readonly saveDelayMs: number;
  private readonly saveMaxDelayMs: number;
  private readonly maxHoldMs: number;
  private readonly engine = new SearchEngine();
  private readonly startedAt = performance.now();
  private readonly nextTask = makeYield();
  private readonly loaded: Promise<void>;
  private status: IndexStatus = { phase: 'loading', indexed: 0, fromDisk: false };
  private wanted = new Set<Task>();
  private running: Promise<void> | null = null;
  private subscriptions: Subscription[] = [];
  private annotations: readonly AnnotationRow[] = [];
  private me: string | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private firstUnsavedAt: number | null = null;
  private saving: Promise<void> | null = null;
  private cache: { key: string; ranking: Ranking } | null = null;
  private stopped = false;
  /** Resolves when indexing may go on; null: not held. */
  private held: { released: Promise<void>; release(): void; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly options: SearchServiceOptions) {
    this.db = options.db;
    this.store = options.store;
    this.sliceMs = options.sliceMs ?? 12;
    this.saveDelayMs = options.saveDelayMs ?? 2_000;
    this.saveMaxDelayMs = options.saveMaxDelayMs ?? 20_000;
    this.maxHoldMs = options.maxHoldMs ?? 120_000;
    this.loaded = this.load();
  }

  getStatus(): IndexStatus {
    return this.status;
  }

  private report(patch: Partial<IndexStatus>): void {
    this.status = { ...this.status, ...patch, indexed: this.engine.indexed };
    this.options.onStatus?.(this.status);
  }

  private async load(): Promise<void> {
    let fromDisk = false;
    try {
      const saved = await this.store.load();
      if (saved) {
        this.engine.restore(saved);
        fromDisk = true;
      }
    } catch {
      // An unreadable saved index is only a cache: it is rebuilt from the corpus.
      await this.store.clear().catch(() => undefined);
    }
    this.report({ phase: 'ready', fromDisk, readyMs: performance.now() - this.startedAt });
    if (this.stopped) return;
    const watch = <T>(query: () => Promise<T>, next: (value: T) => void) => {
      this.subscriptions.push(
        liveQuery(query).subscribe({
          next,
          error: () => {
            /* the next catch-up reports storage problems */
          },
        }),
      );
    };
    watch(
      () => this.db.searchQueue.count(),
      () => this.want('catchUp'),
    );
    // The epoch moves without a queue row when the corpus is reset.
    watch(
      () => this.db.meta.get('sync'),
      () => this.want('catchUp'),
    );
    watch(
      () => this.db.annotations.toArray(),
      (rows) => {
        this.annotations = rows;
        this.want('notes');
      },
    );
    watch(
      () => this.db.meta.get('me'),
      (row) => {
        this.me = (row?.value as Participant | undefined)?.id ?? null;
        this.want('notes');
      },
    );
    watch(
      () => this.db.questions.toArray(),
      (questions) => {
        this.engine.setQuestions(questions);
        this.cache = null;
      },
    );
  }

  /**
   * A sync is pulling (true) or done (false). Held, the indexing stops at its
   * next slice and says it is waiting; released, it takes up the queue.
   */
  hold(held: boolean): void {
    if (held === !!this.held) return;
    if (held) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const timer = setTimeout(() => this.hold(false), this.maxHoldMs);
      this.held = { released, release, timer };
      return;
    }
    const { release, timer } = this.held!;
    this.held = null;
    clearTimeout(timer);
    release();
  }

  /** Waits while held, saying so when there is work waiting. */
  private async whileHeld(): Promise<void> {
    if (!this.held || this.stopped) return;
    this.report({ phase: 'waiting' });
    while (this.held && !this.stopped) await this.held.released;
  }

  private want(task: Task): void {
    if (this.stopped) return;
    this.wanted.add(task);
    this.running ??= this.pump().finally(() => {
      this.running = null;
      if (this.wanted.size > 0) this.want([...this.wanted][0]!);
    });
  }

  private async pump(): Promise<void> {
    await this.loaded;
    while (!this.stopped && this.wanted.size > 0) {
      const task: Task = this.wanted.has('catchUp') ? 'catchUp' : this.wanted.has('notes') ? 'notes' : 'reap';
      this.wanted.delete(task);
      try {
        if (task === 'catchUp') {
          await this.whileHeld();
          await this.catchUp();
        } else if (task === 'notes') {
          this.engine.syncAnnotations(this.annotations, this.me);
          this.changed();
        } else if (this.engine.reap(performance.now() + this.sliceMs)) {
          this.wanted.add('reap');
          await this.nextTask();
        } else this.changed();
      } catch {
        // Storage trouble (a full disk, a closed database): searching goes on over what is indexed.
        this.report({ phase: 'failed' });
        return;
      }
    }
    if (!this.stopped && this.engine.hasDeadSlots) this.wanted.add('reap');
    if (this.status.phase !== 'ready') this.report({ phase: 'ready' });
  }

  /** Brings the index up to the corpus tables: a full (resumable) build when needed, then the queue. */
  private async catchUp(): Promise<void> {
    const { epoch } = await getSyncMeta(this.db);
    if (this.engine.epoch !== undefined && this.engine.epoch !== epoch) {
      if (this.engine.epoch === null) this.engine.epoch = epoch;
      else this.engine.clear(); // another server's corpus, or a reset one
      this.engine.markDirty();
    }
    if (this.engine.epoch === undefined) await this.build(epoch);
    await this.drainQueue();
  }

  private async build(epoch: string | null): Promise<void> {
    this.report({ phase: 'building' });
    const lastQueued = ((await this.db.searchQueue.orderBy(':id').lastKey()) as number | undefined) ?? 0;
    let after: string | undefined;
    for (;;) {
      const collection =
        after === undefined ? this.db.contributions.orderBy(':id') : this.db.contributions.where(':id').above(after);
      const rows = await collection.limit(BATCH).toArray();
      if (rows.length === 0 || this.stopped) break;
      after = rows.at(-1)!.id;
      const ids = rows.map((row) => row.id);
      await this.index(ids, rows, await this.db.texts.bulkGet(ids));
      this.report({ phase: 'building' });
    }
    if (this.stopped) return;
    this.engine.epoch = epoch;
    this.engine.queueSeq = Math.max(this.engine.queueSeq, lastQueued);
    await this.saveAndReload();
  }

  /**
   * After a full build: saves the index, then loads back what was saved.
   * Arrays grown one push at a time keep up to half their size spare; loaded
   * ones are exact (bench/cases/search.ts: heap as built and as loaded). The
   * load costs what a restart costs, once.
   */
  private async saveAndReload(): Promise<void> {
    while (this.saving) await this.saving;
    const snapshot = this.engine.snapshot(false);
    try {
      await this.store.save(snapshot);
    } catch {
      this.engine.markAllDirty();
      this.changed();
      return;
    }
    this.engine.restore(snapshot);
    this.cache = null;
    await this.db.searchQueue.where(':id').belowOrEqual(snapshot.state.queueSeq).delete();
  }

  private async drainQueue(): Promise<void> {
    for (;;) {
      const entries = await this.db.searchQueue.where(':id').above(this.engine.queueSeq).limit(10).toArray();
      if (entries.length === 0 || this.stopped) return;
      this.report({ phase: 'updating' });
      for (const entry of entries) {
        const ids = [...new Set(entry.contributions)];
        for (let i = 0; i < ids.length; i += BATCH) {
          const chunk = ids.slice(i, i + BATCH);
          const [rows, texts] = await Promise.all([this.db.contributions.bulkGet(chunk), this.db.texts.bulkGet(chunk)]);
          await this.index(chunk, rows, texts);
        }
        this.engine.queueSeq = entry.seq!;
        this.engine.markDirty();
      }
      this.changed();
    }
  }

  private async index(
    ids: ContributionId[],
    rows: (ContributionRow | undefined)[],
    texts: (ContributionTextRow | undefined)[],
  ): Promise<void> {
    let yieldAt = performance.now() + this.sliceMs;
    for (let i = 0; i < ids.length; i++) {
      this.engine.putContribution(ids[i]!, rows[i], texts[i]);
      if (performance.now() >= yieldAt) {
        this.cache = null;
        await this.nextTask();
        if (this.held) {
          const phase = this.status.phase;
          await this.whileHeld();
          this.report({ phase });
        }
        yieldAt = performance.now() + this.sliceMs;
      }
    }
  }

  private changed(): void {
    this.cache = null;
    if (!this.engine.dirty) return;
    const now = performance.now();
    this.firstUnsavedAt ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const wait = Math.max(0, Math.min(this.saveDelayMs, this.firstUnsavedAt + this.saveMaxDelayMs - now));
    this.saveTimer = setTimeout(() => void this.save(), wait);
  }

  private async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.firstUnsavedAt = null;
    while (this.saving) await this.saving;
    if (this.stopped || !this.engine.dirty) return;
    const snapshot = this.engine.snapshot(true);
    this.saving = (async () => {
      try {
        await this.store.save(snapshot);
        await this.db.searchQueue.where(':id').belowOrEqual(snapshot.state.queueSeq).delete();
      } catch {
        // Saved next time, whole: the queue rows stay until then.
        this.engine.markAllDirty();
      }
    })();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    await this.loaded;
    const started = performance.now();
    const key = JSON.stringify([request.query, request.filters, this.engine.generation]);
    const ranking = this.cache?.key === key ? this.cache.ranking : this.engine.rank(request.query, request.filters);
    this.cache = { key, ranking };
    const offset = request.offset ?? 0;
    const page = await buildPage(this.db, ranking, (slot) => this.engine.noteKey(slot), {
      offset,
      limit: request.limit ?? PAGE,
      uiLang: request.uiLang,
      me: this.me,
    });
    return {
      query: request.query,
      total: Math.max(0, ranking.size - page.dropped),
      approximate: ranking.hasPhrase || page.dropped > 0,
      offset,
      nextOffset: page.nextOffset,
      groups: page.groups,
      tookMs: performance.now() - started,
      status: this.status,
    };
  }

  /** Indexes everything waiting (the queue, the notes as they are now) and saves the index. */
  async flush(): Promise<void> {
    await this.loaded;
    this.hold(false);
    this.annotations = await this.db.annotations.toArray();
    this.me = ((await this.db.meta.get('me'))?.value as Participant | undefined)?.id ?? null;
    this.want('catchUp');
    this.want('notes');
    while (this.running) await this.running;
    await this.save();
  }

  stop(): void {
    this.stopped = true;
    if (this.held) this.hold(false);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }
}
