export type SyncPhase = 'idle' | 'pulling' | 'live' | 'offline' | 'error';

export type ToWorker =
  | { type: 'start'; baseUrl: string; token: string }
  | { type: 'stop' }
  | { type: 'pull-now' }
  /** The page's online and offline events, passed on as they come (the window has them first). */
  | { type: 'network'; online: boolean };

export type FromWorker =
  | { type: 'progress'; received: number; remaining: number; checkpoint: number; head: number }
  | { type: 'status'; phase: SyncPhase }
  | { type: 'error'; code: string; message?: string }
  /** A push and pull finished: when, and what the push came to. */
  | { type: 'synced'; at: string; applied: number; conflicts: number; rejected: number };

export interface SyncState {
  phase: SyncPhase;
  received: number;
  remaining: number;
  errorCode?: string;
  /** The last time a push and pull both succeeded. */
  lastSyncedAt?: string;
}
