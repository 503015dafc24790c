import { statfsSync } from 'node:fs';
import { ApiFailure } from '../api-failure.js';

/**
 * What a full disk does to each database, and why the guard looks like this:
 *
 * - PGlite: when a table file cannot grow, the write fails cleanly. But when
 *   the next 16 MB WAL segment cannot be created, PGlite spins forever inside
 *   the query (the whole process: even /api/health stops answering). So the
 *   embedded server refuses writes while its folder has less than a reserve
 *   free, and never gets there through its own writes; reads, which may write
 *   a little WAL too, still have that room. Anything else filling the disk
 *   can still wedge it: stall-watchdog.ts ends the process then.
 * - PostgreSQL: the server is elsewhere; its "disk full" errors (SQLSTATE
 *   53100) are answered the same way, and the next write tells whether there
 *   is room again.
 */
export type StorageStatus = 'ok' | 'full';

/**
 * Kept free in the embedded server's data folder: two WAL segments (one to
 * finish the writes under way, one for reads and start-up) and four times the
 * largest push body (heap and WAL each take about twice its size).
 */
export const DEFAULT_RESERVE_BYTES = 64 * 1024 * 1024;

export class StorageFullError extends ApiFailure {
  constructor(detail: string) {
    super(507, 'insufficient-storage', `the server is out of disk space: ${detail}`);
  }
}

/** PostgreSQL's disk_full, or the file system's own refusal (ENOSPC, EDQUOT). */
export function isDiskFull(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '53100' ||
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    (typeof message === 'string' && /No space left on device|Disk quota exceeded/i.test(message))
  );
}

export interface StorageGuard {
  /** Throws StorageFullError if a write now could fill the disk. */
  beforeWrite(): void;
  /** The error to pass on for a failed write: a StorageFullError if the disk was full. */
  failed(error: unknown): unknown;
  /** A write went through: there is room again. */
  succeeded(): void;
  status(): StorageStatus;
}

export interface StorageGuardOptions {
  /** The data folder whose free space is checked (embedded database); none: only errors tell. */
  dir?: string;
  reserveBytes?: number;
  /** Told once each time the state changes (full, then room again). */
  log?: (message: string) => void;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function createStorageGuard(options: StorageGuardOptions): StorageGuard {
  const { dir, reserveBytes = DEFAULT_RESERVE_BYTES, log = (m: string) => console.error(m) } = options;
  let full = false;
  const become = (next: boolean, why: string) => {
    if (next !== full) log(next ? `Storage full: ${why}; writes are refused (507) until space is freed` : why);
    full = next;
  };
  const free = () => {
    const stats = statfsSync(dir!);
    return stats.bavail * stats.bsize;
  };
  const check = (): string | null => {
    if (!dir) return null;
    const available = free();
    if (available >= reserveBytes) {
      become(false, `Storage available again: ${mb(available)} free in ${dir}`);
      return null;
    }
    const why = `${mb(available)} free in ${dir}, the server keeps ${mb(reserveBytes)}`;
    become(true, why);
    return why;
  };
  return {
    beforeWrite() {
      const why = check();
      if (why) throw new StorageFullError(why);
    },
    failed(error) {
      if (!isDiskFull(error)) return error;
      const why = `the database could not write (${(error as Error).message})`;
      become(true, why);
      return new StorageFullError(why);
    },
    succeeded() {
      if (!dir) become(false, 'Storage available again: a write went through');
    },
    status() {
      if (dir) check();
      return full ? 'full' : 'ok';
    },
  };
}

/** Statements that write: refused on a full disk, where SELECTs still run. */
export const isWriteStatement = (sql: string) =>
  /^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|COPY)\b/i.test(sql);
