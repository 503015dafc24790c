import pg from 'pg';
import { REPO_ROOT, type StaticSite } from './builds.js';
import { runChild } from './child.js';
import { tempDir } from './cleanup.js';
import type { Corpus } from './corpus.js';
import { log } from './log.js';
import type { PostgresCluster } from './postgres-cluster.js';
import { startServerProcess, type ServerProcess } from './server-control.js';

export type Backend = 'pglite' | 'postgres';

export const BACKEND_NAMES: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** A real seminar server holding a corpus, in its own process, with a participant's token. */
export interface BenchServer extends ServerProcess {
  backend: Backend;
  corpus: Corpus;
  importSeconds: number;
  /** The static site it serves (the renderer, the bench page at /bench/). */
  siteDir: string;
}

/** Where a backend's data lives: a PGlite data folder (as `npm start` has), or a new database in the cluster. */
async function prepareBackend(
  backend: Backend,
  corpus: Corpus,
  cluster: () => Promise<PostgresCluster>,
): Promise<{ dataDir?: string; databaseUrl?: string }> {
  if (backend === 'pglite') return { dataDir: tempDir('pglite') };
  const { url } = await cluster();
  const name = `seminar_bench_${corpus.contributions}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { databaseUrl: target.toString() };
}

/**
 * `npm run admin -- import` (server/import/import-jsonl.ts) in its own
 * process: the two backends import side by side on two cores.
 */
async function importCorpus(corpus: Corpus, where: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const args = ['--import', 'tsx', 'server/cli/admin.ts', 'import', corpus.file];
  if (where.dataDir) args.push('--data', where.dataDir);
  const env = { ...process.env, DATABASE_URL: where.databaseUrl ?? '' };
  await runChild(process.execPath, args, { cwd: REPO_ROOT, env, timeoutMs: 60 * 60_000 });
}

/**
 * Imports the corpus with the real importer, then starts the real server on
 * 127.0.0.1 (port chosen by the OS) in a process of its own (server-process.ts).
 */
export async function startBenchServer(
  backend: Backend,
  corpus: Corpus,
  staticSite: Promise<StaticSite>,
  cluster: () => Promise<PostgresCluster>,
): Promise<BenchServer> {
  const where = await prepareBackend(backend, corpus, cluster);
  const name = `${BACKEND_NAMES[backend]} (${corpus.contributions.toLocaleString('en')})`;
  log(`${name}: importing ${corpus.contributions.toLocaleString('en')} contributions × 10 languages`);
  const t0 = performance.now();
  await importCorpus(corpus, where);
  const importSeconds = (performance.now() - t0) / 1000;
  log(`${name}: imported in ${importSeconds.toFixed(1)} s`);
  const siteDir = (await staticSite).dir;
  const server = await startServerProcess(`${name} server`, { ...where, staticDir: siteDir });
  return { ...server, backend, corpus, importSeconds, siteDir };
}
