import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate } from './migrations.js';
import { createStorageGuard, isWriteStatement, type StorageGuard, type StorageStatus } from './storage-guard.js';
import { queryStarted } from './stall-watchdog.js';
import { ALL_SYNCED_TABLES, visibleRows, type PullScope, type VisibilityParams } from '../pull/visibility.js';

/** The little the server needs from a database, the same over PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Tells every listener (in this process, and with PostgreSQL in every instance) that new changes exist. */
  announce(): Promise<void>;
  onChange(listener: () => void): () => void;
  /** 'full' while writes are refused for lack of disk space (see storage-guard.ts); reads still work. */
  storageStatus(): StorageStatus;
  close(): Promise<void>;
  /**
   * `read`'s answer, kept under `key` until this process's next write: the
   * embedded database only, where the data lock keeps every other writer
   * out. Absent with PostgreSQL, where other instances write too.
   */
  untilWrite?<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/**
 * Anything but a plain read counts as a write for untilWrite (a statement
 * that could change a row), except a token's last-use date, which no kept
 * read answers with (auth/tokens.ts writes it at most once a minute per token).
 */
const mayWrite = (sql: string) =>
  !/^\s*UPDATE tokens SET last_used_at = now\(\) WHERE hash = \$1$/.test(sql) &&
  (!/^\s*SELECT\b/i.test(sql) || /\b(nextval|setval|pg_advisory\w*)\s*\(|\b(INSERT|UPDATE|DELETE)\b/.test(sql));

/**
 * untilWrite's memory: an answer is kept with the count of writes finished
 * when its read was asked. A write still running then finishes later and
 * bumps the count, so an answer never outlives a write that it may not have
 * seen.
 */
function writeCountedMemo() {
  let writes = 0;
  const kept = new Map<string, { writes: number; value: Promise<unknown> }>();
  return {
    wrote() {
      writes++;
      kept.clear();
    },
    untilWrite<T>(key: string, read: () => Promise<T>): Promise<T> {
      const found = kept.get(key);
      if (found && found.writes === writes) return found.value as Promise<T>;
      const entry = { writes, value: read() };
      kept.set(key, entry);
      entry.value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return entry.value;
    },
  };
}

/** Runs a write under the storage guard: refused up front on a full disk, a disk-full failure turned into a 507. */
async function guarded<T>(guard: StorageGuard, write: boolean, run: () => Promise<T>): Promise<T> {
  if (write) guard.beforeWrite();
  try {
    const result = await run();
    if (write) guard.succeeded();
    return result;
  } catch (error) {
    throw guard.failed(error);
  }
}

/** Calls into PGlite, timed for the stall watchdog. */
async function timed<T>(run: () => Promise<T>): Promise<T> {
  const done = queryStarted();
  try {
    return await run();
  } finally {
    done();
  }
}

/**
 * Writers take this lock before taking seqs: commits then happen in seq order,
 * so a puller that saw seq N committed can never later meet a seq < N committing
 * late (which it would skip forever).
 */
export const WRITE_LOCK_KEY = 727_001;

export interface StorageOptions {
  /** Bytes the embedded database keeps free in its folder (storage-guard.ts); tests lower it. */
  reserveBytes?: number;
  /** Where storage state changes are told (standard error when not given). */
  log?: (message: string) => void;
  /** Migrates only up to this id (tests build a database of an older schema to migrate it). */
  migrateUpTo?: number;
}

/** `loadDataDir` starts from a dumped database instead of running initdb (about 6 s). */
export async function openPglite(
  dataDir: string | undefined,
  loadDataDir?: Blob,
  storage: StorageOptions = {},
): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir, { loadDataDir }) : new PGlite({ loadDataDir });
  await timed(() => db.waitReady);
  const listeners = new Set<() => void>();
  // Armed once migrated: a server on a full disk still starts, and answers reads.
  let guard: StorageGuard = createStorageGuard({ reserveBytes: 0, log: storage.log });
  const memo = writeCountedMemo();
  const database: Database = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      try {
        return await guarded(guard, isWriteStatement(sql), () =>
          timed(async () => (await db.query<T>(sql, params)).rows),
        );
      } finally {
        if (mayWrite(sql)) memo.wrote();
      }
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      try {
        return await guarded(guard, true, () =>
          timed(() =>
            db.transaction(async (tx) =>
              fn({
                async query<R>(sql: string, params: unknown[] = []) {
                  return timed(async () => (await tx.query<R>(sql, params)).rows);
                },
              }),
            ),
          ),
        );
      } finally {
        memo.wrote();
      }
    },
    untilWrite: memo.untilWrite,
    async announce() {
      for (const l of [...listeners]) l();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    storageStatus: () => guard.status(),
    close: () => db.close(),
  };
  await migrate(database, storage.migrateUpTo);
  // An in-memory database has no folder to watch: only its errors tell.
  guard = createStorageGuard({ dir: dataDir, reserveBytes: storage.reserveBytes, log: storage.log });
  return database;
}

export async function openPostgres(url: string, storage: StorageOptions = {}): Promise<Database> {
  const guard = createStorageGuard({ log: storage.log });
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // bigint seqs come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  // An idle pooled connection that PostgreSQL ends (a restart, a failover) must
  // not crash the server: the pool drops it and the next query opens another.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  let closing = false;
  let listenClient: pg.PoolClient | null = null;
  // One connection LISTENs so writes by other instances reach this one's clients too;
  // when it is lost it is opened again, and clients are told to pull in case they missed one.
  const listen = async (delayMs = 0): Promise<void> => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (closing) return;
    try {
      const client = await pool.connect();
      client.on('notification', notify);
      client.on('error', (error) => {
        console.error(`PostgreSQL LISTEN connection lost: ${error.message}`);
        client.release(error);
        if (listenClient === client) listenClient = null;
        void listen(1000);
      });
      await client.query('LISTEN seminar_changes');
      listenClient = client;
      if (delayMs) notify();
    } catch (error) {
      if (delayMs === 0) throw error; // at start: the caller is told the database is unreachable
      if (!closing) {
        console.error(`PostgreSQL LISTEN failed, retrying: ${(error as Error).message}`);
        void listen(Math.min(30_000, (delayMs || 500) * 2));
      }
    }
  };
  await listen();
  const database: Database = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return guarded(guard, isWriteStatement(sql), async () => (await pool.query(sql, params)).rows as T[]);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => guarded(guard, true, () => transaction(fn)),
    async announce() {
      await pool.query(`SELECT pg_notify('seminar_changes', '')`);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    storageStatus: () => guard.status(),
    async close() {
      closing = true;
      listenClient?.release();
      await pool.end();
    },
  };
  async function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let failed = false;
    try {
      await client.query('BEGIN');
      const result = await fn({
        async query<R>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as R[];
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A failed transaction's connection is closed, not pooled: a ROLLBACK refused (a full disk) or a query
      // of it still running would hand its state to the next request (seen as a rare 500 on a read).
      client.release(failed);
    }
  }
  await migrate(database, storage.migrateUpTo);
  return database;
}

export function openDatabase(options: { dataDir?: string; databaseUrl?: string } & StorageOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openPglite(options.dataDir, undefined, options);
}

/**
 * Synced tables whose rows belong to one participant (a `participant_id`
 * column) and are changes for that participant only: others get nothing for
 * those seqs, not even a placeholder.
 */
export const OWN_SYNCED_TABLES = ['read_states', 'event_members'] as const;

/**
 * Every synced table whose rows may be a change for more than one participant
 * (the live streams' shared head reads them): derived from the one list in
 * pull/visibility.ts, so a new synced table cannot be left out of either.
 */
export const SYNCED_TABLES = ALL_SYNCED_TABLES.filter(
  (table) => !(OWN_SYNCED_TABLES as readonly string[]).includes(table),
);

/** The visibility parameters of a participant's pull, after `first` parameters of the caller's own. */
function scopeParams(scope: PullScope, first: number): { sql: VisibilityParams; values: unknown[] } {
  const n = (i: number) => `$${first + i}`;
  return {
    sql: { participant: n(1), left: n(2), event: n(3), until: n(4) },
    values: [scope.participantId, [...scope.leftEvents], scope.catchUp?.eventId ?? null, scope.catchUp?.until ?? null],
  };
}

const asScope = (who: string | PullScope): PullScope =>
  typeof who === 'string' ? { participantId: who, leftEvents: [] } : who;

/**
 * The highest seq of every row; with a participant (or a pull scope), of the
 * rows they receive (pull/visibility.ts), so their pull ends exactly there
 * (checkpoint = head).
 */
export async function currentHead(db: Queryable, who?: string | PullScope): Promise<number> {
  if (who === undefined) {
    const all = ALL_SYNCED_TABLES.map((t) => `COALESCE((SELECT MAX(seq) FROM ${t}), 0)`);
    const read = async () =>
      Number((await db.query<{ head: string | number }>(`SELECT GREATEST(${all.join(', ')}) AS head`))[0]?.head ?? 0);
    // Every pull asks it: the embedded database answers from memory until the next write.
    return 'untilWrite' in db && db.untilWrite ? (db as Database).untilWrite!('head', read) : read();
  }
  const { sql, values } = scopeParams(asScope(who), 0);
  const maxima = ALL_SYNCED_TABLES.map((t) => `COALESCE((SELECT MAX(seq) FROM ${t} WHERE ${visibleRows(t, sql)}), 0)`);
  const [row] = await db.query<{ head: string | number }>(`SELECT GREATEST(${maxima.join(', ')}) AS head`, values);
  return Number(row?.head ?? 0);
}

/**
 * How many changes have a seq after `seq`: with a participant (or a pull
 * scope), exactly the changes they get (pull/visibility.ts); without, one per
 * row of every table, an upper bound for anyone.
 */
export async function countChangesAfter(db: Queryable, seq: number, who?: string | PullScope): Promise<number> {
  if (who === undefined) {
    const all = ALL_SYNCED_TABLES.map((t) => `(SELECT COUNT(*) FROM ${t} WHERE seq > $1)`);
    const [row] = await db.query<{ n: string | number }>(`SELECT ${all.join(' + ')} AS n`, [seq]);
    return Number(row?.n ?? 0);
  }
  const { sql, values } = scopeParams(asScope(who), 1);
  const counts = ALL_SYNCED_TABLES.map((t) => `(SELECT COUNT(*) FROM ${t} WHERE seq > $1 AND ${visibleRows(t, sql)})`);
  const [row] = await db.query<{ n: string | number }>(`SELECT ${counts.join(' + ')} AS n`, [seq, ...values]);
  return Number(row?.n ?? 0);
}

/**
 * Runs `fn` in a transaction that first takes the write lock, so the seqs it
 * takes commit in order (see WRITE_LOCK_KEY). Callers announce after it
 * returns, once the changes are visible to pullers.
 */
export function writeTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    return fn(tx);
  });
}
