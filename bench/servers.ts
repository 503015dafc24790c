import pg from 'pg';
import { issueToken, upsertParticipant } from '../server/auth/tokens.js';
import { openPglite, openPostgres, type Database } from '../server/db/database.js';
import { startServer } from '../server/start.js';
import { REPO_ROOT, type StaticSite } from './builds.js';
import { runChild } from './child.js';
import { onCleanup, tempDir } from './cleanup.js';
import type { Corpus } from './corpus.js';
import { log } from './log.js';
import type { PostgresCluster } from './postgres-cluster.js';

export type Backend = 'pglite' | 'postgres';

export const BACKEND_NAMES: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** A real seminar server holding the whole corpus, with a participant's token. */
export interface BenchServer {
  backend: Backend;
  url: string;
  token: string;
  importSeconds: number;
}

/** Where a backend's data lives: a PGlite data folder (as `npm start` has), or a new database in the cluster. */
async function prepareBackend(
  backend: Backend,
  cluster: () => Promise<PostgresCluster>,
): Promise<{ dataDir?: string; databaseUrl?: string }> {
  if (backend === 'pglite') return { dataDir: tempDir('pglite') };
  const { url } = await cluster();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE DATABASE seminar_bench');
  await admin.end();
  const target = new URL(url);
  target.pathname = '/seminar_bench';
  return { databaseUrl: target.toString() };
}

/**
 * `npm run admin -- import` (server/import/import-jsonl.ts) in its own
 * process: the two backends import side by side on two cores, and none of it
 * runs on the event loop that will serve the figures.
 */
async function importCorpus(corpus: Corpus, where: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const args = ['--import', 'tsx', 'server/cli/admin.ts', 'import', corpus.file];
  if (where.dataDir) args.push('--data', where.dataDir);
  const env = { ...process.env, DATABASE_URL: where.databaseUrl ?? '' };
  await runChild(process.execPath, args, { cwd: REPO_ROOT, env, timeoutMs: 20 * 60_000 });
}

function openBackend(where: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
  return where.databaseUrl ? openPostgres(where.databaseUrl) : openPglite(where.dataDir);
}

/** Imports the corpus with the real importer, then starts the real server on 127.0.0.1 (port chosen by the OS). */
export async function startBenchServer(
  backend: Backend,
  corpus: Corpus,
  staticSite: Promise<StaticSite>,
  cluster: () => Promise<PostgresCluster>,
): Promise<BenchServer> {
  const where = await prepareBackend(backend, cluster);
  const name = BACKEND_NAMES[backend];
  log(`${name}: importing ${corpus.contributions.toLocaleString('en')} contributions × 10 languages`);
  const t0 = performance.now();
  await importCorpus(corpus, where);
  const importSeconds = (performance.now() - t0) / 1000;
  log(`${name}: imported in ${importSeconds.toFixed(1)} s`);

  const db = await openBackend(where);
  const closeDb = onCleanup(`${backend} database`, () => db.close());
  const participant = await upsertParticipant(db, {
    id: 'bench-reader',
    name: 'Benchmark reader',
    roles: ['expert'],
    language: 'en',
  });
  const token = await issueToken(db, participant.id);
  const server = await startServer({ port: 0, host: '127.0.0.1', db, staticDir: (await staticSite).dir });
  // The server now owns the database: closing it closes both.
  closeDb.forget();
  onCleanup(`${backend} server`, () => server.close());
  return { backend, url: server.url, token, importSeconds };
}
