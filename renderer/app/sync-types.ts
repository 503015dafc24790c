/**
 * What the app needs of the sync engine (renderer/sync/sync-controller.ts),
 * declared structurally so screens and tests depend on the shape, not the worker.
 */
export interface SyncStatus {
  phase: 'idle' | 'pulling' | 'live' | 'offline' | 'error';
  received: number;
  remaining: number;
  errorCode?: string;
  /** The last time a push and pull both succeeded. */
  lastSyncedAt?: string;
}

export interface SyncHandle {
  subscribe(listener: (status: SyncStatus) => void): () => void;
  pullNow(): void | Promise<void>;
  stop(): void | Promise<void>;
}

export type StartSync = (options: { baseUrl: string; token: string }) => SyncHandle;
