import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startServer } from '../../server/start.js';
import { openPglite, openPostgres, type Database } from '../../server/db/database.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { openSeminarDb, type SeminarDb } from '../../renderer/db/database.js';
import { createApiClient, type ApiClient } from '../../renderer/sync/api-client.js';
import type { Participant } from '../../shared/model/entities.js';
import type { Change } from '../../shared/protocol/pull.js';
import type { PushResult } from '../../shared/protocol/push.js';
import { openPgliteFromTemplate } from '../support/pglite-template.js';
import { freshPostgresUrl, type Backend } from '../support/server-harness.js';

/**
 * The test bed of the reconciliation property: ONE real server (PGlite in a
 * data folder, or PostgreSQL) and devices that talk to it over real HTTP
 * through a fetch that can go offline, lose a push's response, send a push
 * twice, or crash in the middle of a push: the app killed after it read its
 * outbox and before the request left, the app killed after the server
 * committed and before it applied the answer, the server killed (closed and
 * reopened on its data) after it committed and before it answered. A killed
 * app loses everything but its IndexedDB, which it opens again. Everything a
 * device sends or receives is also reported to a `Wire` listener, for the
 * invariants that are about the traffic.
 */

/** The contribution every annotation of the property points at. */
export const CORPUS = [
  { type: 'theme', id: 't1', track: 'legal', code: 'I', order: 1, title: { en: 'Theme' } },
  { type: 'question', id: 'q1', track: 'legal', theme: 'I', code: '1', order: 1, title: { en: 'Q' } },
  {
    type: 'contribution',
    id: 'c1',
    questionId: 'q1',
    author: { name: 'A', kind: 'individual' },
    language: 'en',
    createdAt: '2017-01-01T00:00:00Z',
    status: 'published',
    text: 'States should exercise due diligence in cyberspace.',
  },
  {
    type: 'contribution',
    id: 'c2',
    questionId: 'q1',
    author: { name: 'B', kind: 'ngo' },
    language: 'en',
    createdAt: '2017-01-02T00:00:00Z',
    status: 'published',
    text: 'Attribution needs evidence.',
  },
].map((r) => JSON.stringify(r));

export type PushFault =
  'lose-response' | 'resend' | 'resend-concurrent' | 'crash-before-send' | 'crash-after-commit' | 'server-crash';

/** Faults that cut the sync short: the device sees a network error (and, for its own crash, starts again). */
export const FAILING_FAULTS: ReadonlySet<PushFault> = new Set([
  'lose-response',
  'crash-before-send',
  'crash-after-commit',
  'server-crash',
]);

/** What the traffic tells the invariants. */
export interface Wire {
  /** A push request left the device (also one whose response is then lost): the mutations it carried. */
  pushed(device: Device, mutations: { id: string; kind: string }[]): void;
  /** A push answer reached the device: the result of each mutation, as the client will apply it. */
  answered(device: Device, results: PushResult[]): void;
  /** A pull page reached the device. */
  pulled(device: Device, changes: Change[]): void;
  /** Something that must never happen, seen on the wire (e.g. a resend answered differently). */
  violation(message: string): void;
}

export interface Device {
  readonly name: string;
  readonly participant: Participant;
  /** Replaced by a new connection to the same IndexedDB when the app is killed and started again. */
  db: SeminarDb;
  readonly api: ApiClient;
  online: boolean;
  /** Set by a crash fault: the app was killed in the middle of its push; `restart()` brings it back. */
  crashed: boolean;
  /** The app starts again after being killed: a new connection to the database it left. */
  restart(): Promise<void>;
  /** Applies to the next push request only. */
  fault: PushFault | null;
  /** Runs once, before the next pull request leaves: a user writing while the sync is under way. */
  beforePull: (() => Promise<void>) | null;
}

export interface Server {
  readonly backend: Backend;
  readonly url: string;
  readonly db: Database;
  /** `app`: a new HTTP server on the same open database; `full`: the database is closed and opened again too. */
  restart(kind: 'app' | 'full'): Promise<void>;
  /** Forgets every annotation and recorded mutation: each run starts from the bare corpus. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** What a run writes, emptied before the next one (children before the tables they point at). */
const RUN_TABLES = [
  'applied_mutations',
  'annotations',
  'read_states',
  'synthesis_history',
  'synthesis_updates',
  'syntheses',
  'tags',
];

export async function openServer(backend: Backend, pgUrl: string): Promise<Server> {
  let dir: string | undefined;
  let open: () => Promise<Database>;
  if (backend === 'pglite') {
    dir = mkdtempSync(join(tmpdir(), 'reconcile-'));
    const dataDir = join(dir, 'data');
    let first = true;
    open = () => {
      const db = first ? openPgliteFromTemplate(dataDir) : openPglite(dataDir);
      first = false;
      return db;
    };
  } else {
    const url = await freshPostgresUrl(pgUrl);
    open = () => openPostgres(url);
  }
  let running = await startServer({ port: 0, db: await open() });
  const imported = await importLines(running.db, CORPUS);
  if (imported.rejected.length) throw new Error(`corpus rejected: ${JSON.stringify(imported.rejected)}`);
  return {
    backend,
    get url() {
      return running.url;
    },
    get db() {
      return running.db;
    },
    async restart(kind) {
      if (kind === 'full') {
        await running.close();
        running = await startServer({ port: 0, db: await open() });
      } else {
        const db = running.db;
        await running.app.close();
        running = await startServer({ port: 0, db });
      }
    },
    async reset() {
      for (const table of RUN_TABLES) await running.db.query(`DELETE FROM ${table}`);
      // Contributions the run wrote, and what hangs on them; the corpus's stay.
      const written = '(SELECT id FROM contributions WHERE author_id IS NOT NULL)';
      for (const table of ['translation_jobs', 'translation_layers', 'text_versions'])
        await running.db.query(`DELETE FROM ${table} WHERE contribution_id IN ${written}`);
      await running.db.query(`DELETE FROM contributions WHERE id IN ${written}`);
    },
    async close() {
      await running.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let dbCounter = 0;

/** A device of `participant`: its own IndexedDB (fake-indexeddb) and API client, with a new token. */
export async function openDevice(server: Server, name: string, participant: Participant, wire: Wire): Promise<Device> {
  await upsertParticipant(server.db, participant);
  const token = await issueToken(server.db, participant.id);
  const dbName = `reconcile-${process.pid}-${(dbCounter += 1)}-${name}`;
  const db = openSeminarDb(dbName);
  await db.meta.put({ key: 'me', value: participant });
  const device: Device = {
    name,
    participant,
    db,
    online: true,
    crashed: false,
    async restart() {
      device.db.close();
      device.db = openSeminarDb(dbName);
      await device.db.open();
      device.crashed = false;
      device.fault = null;
      device.beforePull = null;
    },
    fault: null,
    beforePull: null,
    api: createApiClient({ baseUrl: 'http://server.invalid', token, fetch: (input, init) => send(input, init) }),
  };

  /** Real fetch to wherever the server listens now (a restart moves its port). */
  const real = (path: string, init?: RequestInit) => fetch(server.url + path, init);

  async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // What fetch itself throws when the network is down: the client sees a network error.
    if (!device.online) throw new TypeError('fetch failed: offline');
    const url = new URL(String(input));
    const path = url.pathname + url.search;
    if (url.pathname === '/api/changes') {
      const before = device.beforePull;
      device.beforePull = null;
      await before?.();
      const res = await real(path, init);
      const body = await res.text();
      if (res.ok) wire.pulled(device, (JSON.parse(body) as { changes: Change[] }).changes);
      return copy(res, body);
    }
    if (url.pathname !== '/api/push') return real(path, init);
    const mutations = (JSON.parse(String(init?.body)) as { mutations: { id: string; kind: string }[] }).mutations;
    const sent = mutations.map(({ id, kind }) => ({ id, kind }));
    const fault = device.fault;
    device.fault = null;
    if (fault === 'crash-before-send') {
      // The app read its outbox and was killed before the request left: the server never hears of it.
      device.crashed = true;
      throw new TypeError('fetch failed: the app was killed');
    }
    wire.pushed(device, sent);
    /** The server's answer, reported on the wire as the client receives it. */
    const delivered = async (res: Response): Promise<Response> => {
      const body = await res.text();
      if (res.ok) wire.answered(device, (JSON.parse(body) as { results: PushResult[] }).results);
      return copy(res, body);
    };
    switch (fault) {
      case null: {
        return delivered(await real(path, init));
      }
      case 'lose-response':
      case 'crash-after-commit':
      case 'server-crash': {
        // The server has done all its work once the response arrives; then the connection drops,
        // or the app is killed before it applies the answer, or the server dies before it answers.
        const res = await real(path, init);
        await res.arrayBuffer();
        if (fault === 'crash-after-commit') device.crashed = true;
        if (fault === 'server-crash') await server.restart('full');
        throw new TypeError(`fetch failed: ${fault}`);
      }
      case 'resend':
      case 'resend-concurrent': {
        const twice = async () => {
          const res = await real(path, init);
          return { res, body: await res.text() };
        };
        const [first, second] =
          fault === 'resend' ? [await twice(), await twice()] : await Promise.all([twice(), twice()]);
        wire.pushed(device, sent);
        if (
          first.res.status !== second.res.status ||
          !isDeepStrictEqual(JSON.parse(first.body), JSON.parse(second.body))
        )
          wire.violation(
            `${device.name}: the same push sent twice (${fault}) was answered differently:\n${first.body}\n${second.body}`,
          );
        return delivered(copy(second.res, second.body));
      }
    }
  }

  return device;
}

/** The response again, with a body already read (and decoded: no content-encoding any more). */
function copy(res: Response, body: string): Response {
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
