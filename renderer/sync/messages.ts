export type SyncPhase = 'idle' | 'pulling' | 'live' | 'offline' | 'error';

export type ToWorker = { type: 'start'; baseUrl: string; token: string } | { type: 'stop' } | { type: 'pull-now' };

export type FromWorker =
  | { type: 'progress'; received: number; remaining: number; checkpoint: number; head: number }
  | { type: 'status'; phase: SyncPhase }
  | { type: 'error'; code: string; message?: string };

export interface SyncState {
  phase: SyncPhase;
  received: number;
  remaining: number;
  errorCode?: string;
}
