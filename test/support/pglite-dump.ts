import { rename, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrations.js';

/**
 * initdb takes about 5 s of CPU and the migrations 1 to 2 s more: paid once per
 * test run instead of once per test file (vitest isolates every file's modules,
 * so a per-module cache would be rebuilt ~50 times). Every database a test opens
 * is loaded from this dump, then given an epoch of its own, as a freshly
 * migrated database has.
 */
export async function writePgliteTemplate(file: string): Promise<void> {
  const raw = new PGlite();
  await raw.waitReady;
  const rows = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) =>
    (await q.query<T>(sql, params)).rows;
  // Only what migrate() uses of a Database.
  const db = {
    query: <T>(sql: string, params?: unknown[]) => rows<T>(raw, sql, params),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      raw.transaction((tx) => fn({ query: <R>(sql: string, params?: unknown[]) => rows<R>(tx, sql, params) })),
  } as Database;
  await migrate(db);
  const blob = await raw.dumpDataDir('none');
  await raw.close();
  // Written aside and renamed: a reader never sees half a file.
  await writeFile(`${file}.part`, Buffer.from(await blob.arrayBuffer()));
  await rename(`${file}.part`, file);
}
