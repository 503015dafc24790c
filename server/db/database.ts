import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate } from './migrations.js';

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
  close(): Promise<void>;
}

/**
 * Writers take this lock before taking seqs: commits then happen in seq order,
 * so a puller that saw seq N committed can never later meet a seq < N committing
 * late (which it would skip forever).
 */
export const WRITE_LOCK_KEY = 727_001;

/** `loadDataDir` starts from a dumped database instead of running initdb (about 6 s). */
export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir, { loadDataDir }) : new PGlite({ loadDataDir });
  await db.waitReady;
  const listeners = new Set<() => void>();
  const database: Database = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params: unknown[] = []) {
            return (await tx.query<R>(sql, params)).rows;
          },
        }),
      );
    },
    async announce() {
      for (const l of [...listeners]) l();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => db.close(),
  };
  await migrate(database);
  return database;
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // bigint seqs come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const listeners = new Set<() => void>();
  // One connection LISTENs so writes by other instances reach this one's clients too.
  const listenClient = await pool.connect();
  listenClient.on('notification', () => {
    for (const l of [...listeners]) l();
  });
  await listenClient.query('LISTEN seminar_changes');
  const database: Database = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
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
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async announce() {
      await pool.query(`SELECT pg_notify('seminar_changes', '')`);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listenClient.release();
      await pool.end();
    },
  };
  await migrate(database);
  return database;
}

export function openDatabase(options: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

export async function currentHead(db: Queryable): Promise<number> {
  const [row] = await db.query<{ head: string | number }>(
    `SELECT GREATEST(
       COALESCE((SELECT MAX(seq) FROM themes), 0), COALESCE((SELECT MAX(seq) FROM questions), 0),
       COALESCE((SELECT MAX(seq) FROM seminar_sessions), 0), COALESCE((SELECT MAX(seq) FROM contributions), 0),
       COALESCE((SELECT MAX(seq) FROM tombstones), 0)) AS head`,
  );
  return Number(row?.head ?? 0);
}
