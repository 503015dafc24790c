/// <reference lib="webworker" />
import '../zod-jitless.js';
import { openSeminarDb, type SeminarDb } from '../db/database.js';
import { createApiClient, type ApiClient } from './api-client.js';
import { SyncError, isFinalSyncError } from './errors.js';
import { startLiveChannel, type LiveChannel } from './live-channel.js';
import type { FromWorker, ToWorker } from './messages.js';
import { pullAll } from './pull-engine.js';
import { leavesAcknowledged, pendingLeaves, recordEventActivity } from '../db/events.js';
import { pushOutbox } from './push-engine.js';
import { liveQuery, type Subscription } from 'dexie';
import { rememberTranslationStatus } from './translation-status.js';
import { retryDelay } from './backoff.js';

const post = (msg: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(msg);

let db: SeminarDb | null = null;
let client: ApiClient | null = null;
let live: LiveChannel | null = null;
let abort: AbortController | null = null;
let running: Promise<void> | null = null;
let again = false;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let outboxWatch: Subscription | null = null;
/**
 * Set by an error a retry cannot fix (a revoked token, an app too old): no
 * retry timer, no live channel or polling, no push on each local write; only
 * the user's "sync now" (or a new start with a new token) tries again. A
 * revoked device that kept knocking would only fill the server's failure counts.
 */
let halted = false;
/** The page said the network is gone: no request can succeed until it says it is back. */
let networkDown = false;

/**
 * One sync cycle (push, pull, push what a merge queued). `asked` is true when
 * the user pressed "sync now": only then does a retry after a failure show
 * "synchronising"; background retries leave the status at offline or error
 * until data flows again, so it does not flicker every few seconds.
 */
async function pull(asked = false): Promise<void> {
  if (!db || !client || (halted && !asked)) return;
  if (networkDown && !asked) return;
  if (running) {
    again = true;
    return running;
  }
  abort = new AbortController();
  const signal = abort.signal;
  running = (async () => {
    do {
      again = false;
      if (failures === 0 || asked) post({ type: 'status', phase: 'pulling' });
      try {
        // Push first: the pull then brings back this device's own writes as the server holds them.
        const pushed = await pushOutbox({ db: db!, client: client!, signal });
        // Events this device signed out of while offline: the server is told before pulling (issue 18).
        const leaves = await pendingLeaves(db!);
        for (const eventId of leaves) await client!.leaveEvent(eventId, signal);
        if (leaves.length) await leavesAcknowledged(db!, leaves);
        await pullAll({
          db: db!,
          client: client!,
          signal,
          onProgress: (p) => post({ type: 'progress', ...p }),
          // The retries of a page take seconds: meanwhile the status says offline, not "synchronising"
          // (the next page's progress says synchronising again).
          onRetry: (error) => {
            if (error.code !== 'network') return;
            post({ type: 'error', code: 'network' });
            post({ type: 'status', phase: 'offline' });
          },
        });
        // A merge during the push may have queued a merged version: send it now.
        if ((await db!.outbox.filter((row) => !row.rejected).count()) > 0) {
          const more = await pushOutbox({ db: db!, client: client!, signal });
          pushed.applied += more.applied;
        }
        // The network went away meanwhile: the offline status it brought stands.
        if (signal.aborted) return;
        failures = 0;
        if (halted) resume();
        // It worked although the page had said offline (the user asked): listen again.
        if (networkDown) {
          networkDown = false;
          if (client && !live) live = listen(client);
        }
        post({ type: 'synced', at: new Date().toISOString(), ...pushed });
        post({ type: 'status', phase: 'live' });
        // Beside the sync, never in its way: a slow or older server leaves the last known status.
        void rememberTranslationStatus(db!, client!, AbortSignal.timeout(10_000));
      } catch (err) {
        const code = err instanceof SyncError ? err.code : 'server-error';
        if (code === 'aborted') return;
        const message = err instanceof Error ? err.message : String(err);
        // A storage failure reaches the UI as what the user can act on: a full disk, or saving failed.
        const shown = code !== 'storage' ? code : message === 'quota-exceeded' ? 'quota-exceeded' : 'storage-failed';
        post({ type: 'error', code: shown, message });
        post({ type: 'status', phase: code === 'network' ? 'offline' : 'error' });
        if (isFinalSyncError(code)) halt();
        else scheduleRetry();
      }
    } while (again && !signal.aborted && !halted);
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Who is signed in, for authoring annotations offline; kept from the last time the server said. */
async function rememberParticipant(target: SeminarDb, api: ApiClient): Promise<void> {
  try {
    const { participant } = await api.me();
    await target.meta.put({ key: 'me', value: participant });
  } catch {
    // Offline or refused: the pull reports the reason; the stored participant stays.
  }
}

/** Retries after a failure with exponential backoff and jitter, so clients back from an outage do not return in step. */
function scheduleRetry() {
  if (retryTimer) clearTimeout(retryTimer);
  failures += 1;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void pull();
  }, retryDelay(failures));
}

function halt() {
  halted = true;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  live?.stop();
  live = null;
}

/** The user asked again and it worked: back to listening for changes. */
function resume() {
  halted = false;
  if (client && !live) live = listen(client);
}

/**
 * The live channel, whose state is news too: a stream that drops (the server
 * went away, or the network) is checked at once with a pull, which says
 * offline within a second instead of "synchronising" until a request fails.
 */
function listen(target: ApiClient): LiveChannel {
  let wasLive = false;
  return startLiveChannel({
    client: target,
    onChanges: () => void pull(),
    // Another event's news, for the event switcher's mark (issue 18); storage trouble only loses the mark.
    onActivity: (events, head) => void (db ? recordEventActivity(db, events, head).catch(() => undefined) : undefined),
    onStatus(status) {
      if (status === 'polling' && wasLive) void pull();
      wasLive = status === 'live';
    },
  });
}

/** The page's online and offline events. */
function networkChanged(online: boolean) {
  if (!client || halted) {
    networkDown = !online;
    return;
  }
  if (!online) {
    if (networkDown) return;
    networkDown = true;
    // What was under way cannot finish: stop it, and the reconnect attempts, until the network is back.
    abort?.abort();
    live?.stop();
    live = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    post({ type: 'error', code: 'network' });
    post({ type: 'status', phase: 'offline' });
    return;
  }
  if (!networkDown) return;
  networkDown = false;
  // Back: no waiting for the backoff, neither for the pull nor for the live channel.
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  failures = 0;
  live?.stop();
  live = listen(client);
  void pull();
}

/** A local write queues a mutation: push it soon, whatever else is happening. */
function watchOutbox(target: SeminarDb) {
  let last = -1;
  outboxWatch = liveQuery(() => target.outbox.count()).subscribe({
    next(count) {
      if (last >= 0 && count > last) void pull();
      last = count;
    },
    error() {
      /* the next cycle reports storage problems */
    },
  });
}

function stop() {
  outboxWatch?.unsubscribe();
  outboxWatch = null;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  live?.stop();
  live = null;
  abort?.abort();
  db?.close();
  db = null;
  client = null;
  halted = false;
  failures = 0;
  networkDown = false;
  post({ type: 'status', phase: 'idle' });
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'start') {
    stop();
    db = openSeminarDb();
    client = createApiClient({ baseUrl: msg.baseUrl, token: msg.token });
    void rememberParticipant(db, client);
    watchOutbox(db);
    void pull();
    live = listen(client);
  } else if (msg.type === 'stop') stop();
  else if (msg.type === 'pull-now') void pull(true);
  else if (msg.type === 'network') networkChanged(msg.online);
});
