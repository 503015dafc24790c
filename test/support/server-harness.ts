import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServer, type StartOptions } from '../../server/start.js';
import { openPostgres, type Database } from '../../server/db/database.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import type { Role } from '../../shared/model/entities.js';
import { pullPageSchema, type Change, type PullPage } from '../../shared/protocol/pull.js';
import { pushResponseSchema, type PushResult } from '../../shared/protocol/push.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { openPgliteFromTemplate } from './pglite-template.js';

export type Backend = 'pglite' | 'postgres';

/** A fresh migrated database: PGlite from the run's template (pglite-template.ts), PostgreSQL by CREATE DATABASE. */
export async function freshDatabase(backend: Backend, pgUrl: string): Promise<Database> {
  if (backend === 'postgres') return openPostgres(await freshPostgresUrl(pgUrl));
  return openPgliteFromTemplate();
}

/** The URL of a new, empty database on the test cluster (for commands run with DATABASE_URL). */
export async function freshPostgresUrl(pgUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startTestServer(backend: Backend, pgUrl: string, options: Partial<StartOptions> = {}) {
  const db = await freshDatabase(backend, pgUrl);
  const server = await startServer({ port: 0, ...options, db });
  /**
   * A participant (created or updated) and a new token for them: each call is
   * another device. They join `events` with their roles (default: every event
   * the server holds, as on a single-seminar server).
   */
  const signIn = async (p: { id: string; name: string; roles?: Role[]; events?: string[] }) => {
    const { events, ...person } = p;
    const participant = await upsertParticipant(db, { roles: ['expert'], language: 'en', ...person });
    await db.query(
      `INSERT INTO event_members (event_id, participant_id, roles, seq)
       SELECT id, $1, $2, nextval('change_seq') FROM events WHERE $3::text[] IS NULL OR id = ANY($3::text[])
       ON CONFLICT (event_id, participant_id) DO NOTHING`,
      [participant.id, participant.roles, events ?? null],
    );
    const token = await issueToken(db, participant.id);
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(server.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
    /** A JSON POST; a string body is sent as it is (for malformed or oversized bodies). */
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    return { participant, token, get, post };
  };
  const { token, get } = await signIn({ id: 'tester', name: 'Tester' });
  return { ...server, token, get, signIn };
}

/**
 * Every page from `since` on, each checked against the wire schema, with the
 * raw bodies (to show that a text never left the server).
 */
export async function pullChanges(device: { get: (path: string) => Promise<Response> }, since = 0, limit = 1000) {
  const changes: Change[] = [];
  const pages: PullPage[] = [];
  let raw = '';
  for (;;) {
    const res = await device.get(`/api/changes?since=${since}&limit=${limit}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${body}`);
    raw += body;
    const page = pullPageSchema.parse(JSON.parse(body));
    pages.push(page);
    changes.push(...page.changes);
    since = page.checkpoint;
    if (!page.hasMore) return { changes, pages, raw, checkpoint: since };
  }
}

/** POST /api/push, checked against the wire schema: the results, one per mutation. */
export async function pushMutations(
  device: { post: (path: string, body: unknown) => Promise<Response> },
  mutations: Mutation[],
): Promise<PushResult[]> {
  const res = await device.post('/api/push', { mutations });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`push answered ${res.status}: ${body}`);
  const { results } = pushResponseSchema.parse(JSON.parse(body));
  if (results.length !== mutations.length) throw new Error(`${mutations.length} mutations, ${results.length} results`);
  return results;
}

/** `npm run admin -- ARGS` in a child process against the database at `databaseUrl`: its exit code and output. */
export function runAdmin(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
