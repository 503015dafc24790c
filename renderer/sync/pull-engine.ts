import type { PullPage } from '../../shared/protocol/pull.js';
import { applyPullPage } from '../db/apply-page.js';
import type { SeminarDb } from '../db/database.js';
import { getSyncMeta, resetCorpus } from '../db/queries.js';
import { describeStorageError } from '../db/storage.js';
import type { ApiClient, PageCheckpoint } from './api-client.js';
import { SyncError } from './errors.js';

export interface PullProgress {
  received: number;
  remaining: number;
  checkpoint: number;
  head: number;
}

export interface PullOptions {
  db: SeminarDb;
  client: Pick<ApiClient, 'pull'>;
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (p: PullProgress) => void;
  /** Network retries before giving up with code 'network' (offline). */
  retries?: number;
  retryDelayMs?: number;
  /** A page failed and is about to be tried again: the caller says so now, not after the last retry. */
  onRetry?: (error: SyncError) => void;
}

export interface PullResult extends PullProgress {
  reset: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncError('aborted', 'aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new SyncError('aborted', 'aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Pulls pages from the stored checkpoint until hasMore is false. The next page
 * is fetched while the current one is written; pages are applied strictly in
 * order. Throws SyncError ('network' after retries = offline, 'aborted',
 * 'storage' with message = describeStorageError code, or the server's code).
 */
export async function pullAll(options: PullOptions): Promise<PullResult> {
  const { db, client, limit = 500, signal, onProgress, onRetry, retries = 4, retryDelayMs = 500 } = options;

  const fetchPage = async (
    since: number,
    catchUp?: { eventId: string; until: number },
    onCheckpoint?: (next: PageCheckpoint) => void,
  ): Promise<PullPage> => {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new SyncError('aborted', 'aborted');
      try {
        return catchUp || onCheckpoint
          ? await client.pull(since, limit, signal, catchUp, onCheckpoint)
          : await client.pull(since, limit, signal);
      } catch (err) {
        const retryable =
          err instanceof SyncError &&
          (err.code === 'network' || err.code === 'server-error' || err.code === 'unavailable');
        if (!retryable || attempt >= retries) throw err;
        onRetry?.(err);
        await sleep(retryDelayMs * 2 ** attempt, signal);
      }
    }
  };

  let meta = await getSyncMeta(db);
  let received = 0;
  let reset = false;
  const doReset = async () => {
    if (reset) throw new SyncError('malformed-page', 'epoch changed twice during one pull');
    reset = true;
    await resetCorpus(db);
    meta = await getSyncMeta(db);
  };

  /**
   * Pipelined: page N+1 is asked as soon as page N's JSON is parsed (its
   * checkpoint known), so its transfer overlaps N's validation and write;
   * at most one page is asked ahead of the one awaited, and pages are
   * validated and applied strictly in order.
   */
  interface Fetch {
    since: number;
    page: Promise<PullPage>;
    /** The next page's since once this page is parsed; null: it was the last. */
    next?: number | null;
  }
  let current: Fetch;
  let ahead: Fetch | undefined;
  const askAhead = () => {
    if (!ahead && typeof current.next === 'number') ahead = begin(current.next);
  };
  const begin = (since: number): Fetch => {
    const fetch: Fetch = { since, page: Promise.resolve(null as never) };
    fetch.page = fetchPage(since, undefined, (peek) => {
      fetch.next = peek.hasMore ? peek.checkpoint : null;
      if (fetch === current) askAhead();
    });
    fetch.page.catch(() => undefined); // handled when awaited
    return fetch;
  };
  const restart = (since: number) => {
    ahead = undefined;
    current = begin(since);
  };
  restart(meta.checkpoint);

  for (;;) {
    let page: PullPage;
    try {
      page = await current!.page;
    } catch (err) {
      if (err instanceof SyncError && err.code === 'checkpoint-ahead') {
        await doReset();
        restart(0);
        continue;
      }
      throw err;
    }
    if (meta.epoch !== null && page.epoch !== meta.epoch) {
      await doReset();
      restart(0);
      continue;
    }
    if (page.hasMore) {
      // The page asked ahead is the next one unless the peeked checkpoint was not the page's.
      current = ahead?.since === page.checkpoint ? ahead : begin(page.checkpoint);
      ahead = undefined;
      askAhead();
    }
    let result;
    try {
      result = await applyPullPage(db, page);
    } catch (err) {
      throw new SyncError('storage', describeStorageError(err));
    }
    if (!result.applied) throw new SyncError('malformed-page', `page not applied: ${result.reason}`);
    meta = { ...meta, epoch: page.epoch, checkpoint: page.checkpoint, head: page.head };
    received += page.changes.length;
    const progress = { received, remaining: page.remaining, checkpoint: page.checkpoint, head: page.head };
    onProgress?.(progress);
    if (!page.hasMore) {
      await catchUpEvents(db, signal, fetchPage);
      return { ...progress, reset };
    }
    if (signal?.aborted) throw new SyncError('aborted', 'aborted');
  }
}

/**
 * Brings the older records of events this device joined late (db.catchUps),
 * one event at a time, each resumable from its own checkpoint. An event the
 * server no longer gives this device (removed since: 404) is dropped; its
 * `event-left` comes in the log.
 */
async function catchUpEvents(
  db: SeminarDb,
  signal: AbortSignal | undefined,
  retrying: (since: number, catchUp: { eventId: string; until: number }) => Promise<PullPage>,
): Promise<void> {
  for (const row of await db.catchUps.toArray()) {
    let since = row.since;
    for (;;) {
      let page: PullPage;
      try {
        page = await retrying(since, { eventId: row.eventId, until: row.until });
      } catch (err) {
        if (err instanceof SyncError && err.code === 'not-found') {
          await db.catchUps.delete(row.eventId);
          break;
        }
        throw err;
      }
      let result;
      try {
        result = await applyPullPage(db, page, { eventId: row.eventId });
      } catch (err) {
        throw new SyncError('storage', describeStorageError(err));
      }
      if (!result.applied) throw new SyncError('malformed-page', `catch-up page not applied: ${result.reason}`);
      if (!page.hasMore) break;
      since = page.checkpoint;
      if (signal?.aborted) throw new SyncError('aborted', 'aborted');
    }
  }
}
