/**
 * A first sync cut off by a server crash resumes where it stopped. The demo
 * server holds the demo corpus plus a synthetic one big enough for many pull
 * pages; the server dies while the app waits for a page, the app says it is
 * offline and keeps a consistent prefix (whole pages, checkpoint included), and
 * once the server is back on the same port and data folder the app pulls from
 * its checkpoint — not from 0 — to exactly the server's corpus.
 */
import { rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHead } from '../../server/db/database.js';
import { generateSyntheticCorpus } from '../../server/demo/synthetic-corpus.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { startServer } from '../../server/start.js';
import { launchChromium } from '../support/chromium.js';
import { demoDataDir, STATIC_DIR } from '../support/e2e-server.js';

/** About 25 M characters of text: at the server's 4 M characters per page, seven or more pages. */
const SYNTHETIC_CONTRIBUTIONS = 1_200;
/** The pull request held when the server dies: two pages are written by then, the rest is not. */
const HELD_REQUEST = 3;

type Server = Awaited<ReturnType<typeof startServer>>;

/** One record of the server's log, as the pull sends it. */
interface Logged {
  table: 'themes' | 'questions' | 'sessions' | 'contributions';
  id: string;
  seq: number;
}

/** What the app stored, read from its IndexedDB by the page. */
interface Stored {
  meta: { epoch: string | null; checkpoint: number; head: number } | null;
  themes: string[];
  questions: string[];
  sessions: string[];
  contributions: string[];
  texts: string[];
}

let dataDir: string;
let server: Server | undefined;
let port = 0;
/** `since` of every GET /api/changes, across both server lives. */
const pulls: number[] = [];
/** `since` of the pull request left unanswered when the server dies. */
let heldSince: number | undefined;

async function start(): Promise<Server> {
  const s = await startServer({ port, dataDir, demo: true, staticDir: STATIC_DIR });
  port = Number(new URL(s.url).port);
  // Fastify takes no hook once listening, so the test wraps its request listener on the HTTP server.
  const http = s.app.server;
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/changes') {
      pulls.push(Number(url.searchParams.get('since')));
      // The server "crashes" while this page is on its way: it never answers; kill() cuts the connection.
      if (pulls.length === HELD_REQUEST) {
        heldSince = pulls[pulls.length - 1];
        return;
      }
    }
    for (const listener of listeners) listener.call(http, req, res);
  });
  server = s;
  return s;
}

/** An abrupt stop: every open connection is cut like a crashed process would, then the database closes. */
async function kill(s: Server): Promise<void> {
  const closing = s.close();
  s.app.server.closeAllConnections();
  await closing;
  server = undefined;
}

async function serverLog(s: Server): Promise<{ log: Logged[]; published: Set<string>; head: number }> {
  const log: Logged[] = [];
  const tables = { themes: 'themes', questions: 'questions', sessions: 'seminar_sessions' } as const;
  for (const [table, sql] of Object.entries(tables) as [Logged['table'], string][]) {
    const rows = await s.db.query<{ id: string; seq: number | string }>(`SELECT id, seq FROM ${sql}`);
    for (const r of rows) log.push({ table, id: r.id, seq: Number(r.seq) });
  }
  const published = new Set<string>();
  const contributions = await s.db.query<{ id: string; seq: number | string; status: string }>(
    'SELECT id, seq, status FROM contributions',
  );
  for (const r of contributions) {
    // A withdrawn contribution a client never had is never stored: there is nothing to mark withdrawn.
    if (r.status === 'withdrawn') continue;
    published.add(r.id);
    log.push({ table: 'contributions', id: r.id, seq: Number(r.seq) });
  }
  return { log, published, head: await currentHead(s.db) };
}

function readStored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('seminar-desk')) {
      return { meta: null, themes: [], questions: [], sessions: [], contributions: [], texts: [] };
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('seminar-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const stores = ['meta', 'themes', 'questions', 'sessions', 'contributions', 'texts'];
      // One read-only transaction: a snapshot between two pages, never in the middle of one.
      const tx = db.transaction(stores, 'readonly');
      const ask = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const keys = (store: string) => ask(tx.objectStore(store).getAllKeys()).then((k) => k.map(String));
      const [meta, themes, questions, sessions, contributions, texts] = await Promise.all([
        ask(tx.objectStore('meta').get('sync')) as Promise<{ value: Stored['meta'] } | undefined>,
        keys('themes'),
        keys('questions'),
        keys('sessions'),
        keys('contributions'),
        keys('texts'),
      ]);
      return { meta: meta?.value ?? null, themes, questions, sessions, contributions, texts };
    } finally {
      db.close();
    }
  });
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The records with seq ≤ checkpoint, by table: what a client at that checkpoint must hold, no more, no less. */
function expectedAt(log: Logged[], checkpoint: number): Record<Logged['table'], string[]> {
  const out: Record<Logged['table'], string[]> = { themes: [], questions: [], sessions: [], contributions: [] };
  for (const r of log) if (r.seq <= checkpoint) out[r.table].push(r.id);
  for (const table of Object.keys(out) as Logged['table'][]) out[table].sort();
  return out;
}

beforeAll(async () => {
  dataDir = demoDataDir('e2e-resume');
  const s = await start();
  const counts = await importLines(s.db, generateSyntheticCorpus({ contributions: SYNTHETIC_CONTRIBUTIONS, seed: 11 }));
  expect(counts.rejected).toEqual([]);
  expect(counts.contributions).toBe(SYNTHETIC_CONTRIBUTIONS);
});

afterAll(async () => {
  if (server) await kill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync resume', () => {
  it('a sync interrupted mid-way (server killed) resumes without duplicates once the server is back', async () => {
    const { log, published, head } = await serverLog(server!);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server!.url}/`);
      await page.getByTestId('use-demo-server').click();
      const status = page.getByTestId('sync-status');

      // The first pages are written; the next one is on its way when the server dies.
      await expect.poll(() => heldSince, { timeout: 60_000 }).toBeGreaterThan(0);
      await expect.poll(async () => (await readStored(page)).meta?.checkpoint, { timeout: 30_000 }).toBe(heldSince);
      expect(heldSince).toBeLessThan(head);
      await expect(status.getAttribute('data-phase')).resolves.toBe('pulling');
      await kill(server!);

      // Offline after its retries, with whole pages only: exactly the records up to the checkpoint.
      await expect
        .poll(() => status.getAttribute('data-phase'), { timeout: 30_000, interval: 250 })
        .toMatch(/^(offline|error)$/);
      expect(await status.getAttribute('data-up-to-date')).toBe('false');
      const cut = await readStored(page);
      const checkpoint = cut.meta!.checkpoint;
      expect(checkpoint).toBe(heldSince);
      const prefix = expectedAt(log, checkpoint);
      expect(prefix.contributions.length).toBeGreaterThan(0);
      expect(prefix.contributions.length).toBeLessThan(published.size);
      expect(sorted(cut.contributions)).toEqual(prefix.contributions);
      expect(sorted(cut.texts)).toEqual(prefix.contributions);
      expect(sorted(cut.themes)).toEqual(prefix.themes);
      expect(sorted(cut.questions)).toEqual(prefix.questions);
      expect(sorted(cut.sessions)).toEqual(prefix.sessions);
      const pullsBeforeRestart = pulls.length;

      // Back on the same port and data folder (same epoch). Its head may have moved: `--demo` imports the
      // demo corpus again at start, so what the app must end with is the restarted server's log.
      const restarted = await start();
      expect(restarted.url).toBe(`http://127.0.0.1:${port}`);
      const after = await serverLog(restarted);
      expect(after.head).toBeGreaterThanOrEqual(head);
      expect(sorted(after.published)).toEqual(sorted(published));
      await status.getByRole('button').click();
      await page
        .locator('[data-testid=sync-status][data-up-to-date="true"]')
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          throw new Error(
            `not up to date: phase ${await status.getAttribute('data-phase')}, pulls ${JSON.stringify(pulls)}`,
            { cause: error },
          );
        });

      // Resumed from the checkpoint: only one pull ever started from 0, the first after the restart did not.
      expect(pulls.filter((since) => since === 0)).toEqual([0]);
      expect(pulls[pullsBeforeRestart]).toBe(checkpoint);
      // Every record once, none missing, checkpoint at the server's head.
      const done = await readStored(page);
      const all = expectedAt(after.log, after.head);
      expect(done.meta!.checkpoint).toBe(after.head);
      expect(done.contributions).toHaveLength(published.size);
      expect(done.texts).toHaveLength(published.size);
      expect(sorted(done.contributions)).toEqual(sorted(published));
      expect(sorted(done.texts)).toEqual(sorted(published));
      expect(sorted(done.themes)).toEqual(all.themes);
      expect(sorted(done.questions)).toEqual(all.questions);
      expect(sorted(done.sessions)).toEqual(all.sessions);
    } finally {
      await browser.dispose();
    }
  });
});
