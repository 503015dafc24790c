import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncStatus } from './sync-types.js';

/**
 * The sync's status apart from the app's context: a pull reports progress
 * after every page, and in the context each report re-rendered every screen
 * (issue 19). Held here, only what shows the status renders again.
 */
export interface SyncStatusStore {
  get(): SyncStatus | null;
  set(status: SyncStatus | null): void;
  subscribe(listener: () => void): () => void;
}

export function createSyncStatusStore(): SyncStatusStore {
  let current: SyncStatus | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(status) {
      current = status;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const none: SyncStatusStore = createSyncStatusStore();

export const SyncStatusContext = createContext<SyncStatusStore>(none);

/** The sync's last status (null before its first report); renders the caller again on each report. */
export function useSyncStatus(): SyncStatus | null {
  const store = useContext(SyncStatusContext);
  return useSyncExternalStore(store.subscribe, store.get);
}
