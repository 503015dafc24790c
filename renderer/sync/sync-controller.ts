import type { FromWorker, SyncState, ToWorker } from './messages.js';

export type { SyncState, SyncPhase } from './messages.js';

export interface SyncController {
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  pullNow(): void;
  stop(): void;
}

export function startSync(config: { baseUrl: string; token: string }): SyncController {
  const worker = new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module' });
  // The worker pulls as soon as it starts, so that is the honest first state.
  let state: SyncState = { phase: 'pulling', received: 0, remaining: 0 };
  const listeners = new Set<(s: SyncState) => void>();
  const set = (next: SyncState) => {
    state = next;
    for (const l of listeners) l(state);
  };
  const send = (m: ToWorker) => worker.postMessage(m);
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'progress') set({ ...state, phase: 'pulling', received: m.received, remaining: m.remaining });
    else if (m.type === 'status') {
      const { errorCode, ...rest } = state;
      set(
        m.phase === 'error' || m.phase === 'offline'
          ? { ...rest, errorCode, phase: m.phase }
          : { ...rest, phase: m.phase },
      );
    } else if (m.type === 'synced') set({ ...state, lastSyncedAt: m.at });
    else set({ ...state, errorCode: m.code });
  };
  worker.onerror = () => set({ ...state, phase: 'error', errorCode: 'worker-failed' });
  send({ type: 'start', ...config });
  // The operating system knows first when the network goes or comes back: the status says so at once
  // rather than after a request times out, or a retry timer runs out.
  const online = () => send({ type: 'network', online: true });
  const offline = () => send({ type: 'network', online: false });
  globalThis.addEventListener('online', online);
  globalThis.addEventListener('offline', offline);
  if (globalThis.navigator?.onLine === false) offline();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    pullNow: () => send({ type: 'pull-now' }),
    stop() {
      globalThis.removeEventListener('online', online);
      globalThis.removeEventListener('offline', offline);
      send({ type: 'stop' });
      setTimeout(() => worker.terminate(), 100);
    },
  };
}
