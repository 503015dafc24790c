/// <reference lib="webworker" />
import '../zod-jitless.js';
import { openSeminarDb, type SeminarDb } from '../db/database.js';
import { createApiClient, type ApiClient } from './api-client.js';
import { SyncError } from './errors.js';
import { startLiveChannel, type LiveChannel } from './live-channel.js';
import type { FromWorker, ToWorker } from './messages.js';
import { pullAll } from './pull-engine.js';

const post = (msg: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(msg);

let db: SeminarDb | null = null;
let client: ApiClient | null = null;
let live: LiveChannel | null = null;
let abort: AbortController | null = null;
let running: Promise<void> | null = null;
let again = false;

async function pull(): Promise<void> {
  if (!db || !client) return;
  if (running) {
    again = true;
    return running;
  }
  abort = new AbortController();
  const signal = abort.signal;
  running = (async () => {
    do {
      again = false;
      post({ type: 'status', phase: 'pulling' });
      try {
        await pullAll({ db: db!, client: client!, signal, onProgress: (p) => post({ type: 'progress', ...p }) });
        post({ type: 'status', phase: 'live' });
      } catch (err) {
        const code = err instanceof SyncError ? err.code : 'server-error';
        if (code === 'aborted') return;
        post({ type: 'error', code, message: err instanceof Error ? err.message : String(err) });
        post({ type: 'status', phase: code === 'network' ? 'offline' : 'error' });
      }
    } while (again && !signal.aborted);
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

function stop() {
  live?.stop();
  live = null;
  abort?.abort();
  db?.close();
  db = null;
  client = null;
  post({ type: 'status', phase: 'idle' });
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'start') {
    stop();
    db = openSeminarDb();
    client = createApiClient({ baseUrl: msg.baseUrl, token: msg.token });
    void rememberParticipant(db, client);
    void pull();
    live = startLiveChannel({ client, onChanges: () => void pull() });
  } else if (msg.type === 'stop') stop();
  else if (msg.type === 'pull-now') void pull();
});
