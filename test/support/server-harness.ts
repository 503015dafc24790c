import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { startServer, type StartOptions } from '../../server/start.js';
import { openPglite, openPostgres, type Database } from '../../server/db/database.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';

export type Backend = 'pglite' | 'postgres';

let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh migrated database: PGlite from one template per worker (initdb is slow), PostgreSQL by CREATE DATABASE. */
export async function freshDatabase(backend: Backend, pgUrl: string): Promise<Database> {
  if (backend === 'postgres') {
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    return openPostgres(url.toString());
  }
  pgliteTemplate ??= (async () => {
    const db = new PGlite();
    await db.waitReady;
    const blob = await db.dumpDataDir('none');
    await db.close();
    return blob;
  })();
  const blob = await pgliteTemplate;
  const db = await openPgliteFrom(blob);
  return db;
}

async function openPgliteFrom(blob: Blob): Promise<Database> {
  // openPglite creates the database itself; loading a dump skips initdb.
  return openPglite(undefined, blob);
}

export async function startTestServer(backend: Backend, pgUrl: string, options: Partial<StartOptions> = {}) {
  const db = await freshDatabase(backend, pgUrl);
  const server = await startServer({ port: 0, ...options, db });
  const participant = await upsertParticipant(db, { id: 'tester', name: 'Tester', roles: ['expert'], language: 'en' });
  const token = await issueToken(db, participant.id);
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { ...server, token, get };
}
