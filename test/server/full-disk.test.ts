import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { startServer } from '../../server/start.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { PUSH_CORPUS, annotationPut } from './push-fixtures.js';
import { leaveFree, MB, mountSmallDisk, removeFiller } from '../support/small-disk.js';
import { openPgliteFromTemplate } from '../support/pglite-template.js';

/*
 * A real full disk: the database on a small tmpfs, filled by a filler file.
 * Writes that do not fit get 507 insufficient-storage, reads and /api/health
 * keep answering, and writes work again once space is freed, without a
 * restart; where the embedded database wedges all the same (no reserve), the
 * server ends itself with a clear message instead of spinning forever.
 */
const disk = mountSmallDisk(160);
if ('skipped' in disk) console.log(`full-disk tests skipped: ${disk.skipped}`);
const mounted = 'dir' in disk ? disk : null;
afterAll(() => mounted?.unmount());

/** A batch of annotations with incompressible ~19 KB notes: about 2 × `count` × 19 KB on disk. */
const bigBatch = (count: number): Mutation[] =>
  Array.from({ length: count }, () => annotationPut({ note: randomBytes(14_000).toString('base64') }));

const ids = (batch: Mutation[]) => batch.map((m) => (m.kind === 'annotation-put' ? m.annotation.id : ''));

interface Client {
  url: string;
  token: string;
}

const push = (c: Client, mutations: Mutation[]) =>
  fetch(`${c.url}/api/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations }),
    signal: AbortSignal.timeout(60_000),
  });

const health = async (c: Client) =>
  (await (await fetch(`${c.url}/api/health`, { signal: AbortSignal.timeout(10_000) })).json()) as { storage: string };

/** Every annotation id the participant can pull. */
async function pulledAnnotationIds(c: Client): Promise<Set<string>> {
  const found = new Set<string>();
  for (let since = 0; ;) {
    const res = await fetch(`${c.url}/api/changes?since=${since}&limit=1000`, {
      headers: { authorization: `Bearer ${c.token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      changes: { kind: string; record?: { id: string } }[];
      checkpoint: number;
      hasMore: boolean;
    };
    for (const change of page.changes) if (change.kind === 'annotation') found.add(change.record!.id);
    since = page.checkpoint;
    if (!page.hasMore) return found;
  }
}

/** Pushes batches until one is refused with 507; returns the ids acknowledged before it, and the refused batch. */
async function pushUntilFull(c: Client, count: number) {
  const acknowledged: string[] = [];
  for (let i = 0; i < 40; i++) {
    const batch = bigBatch(count);
    const res = await push(c, batch);
    const body = (await res.json()) as { results?: { status: string }[]; error?: { code: string; message: string } };
    if (res.status === 507) return { acknowledged, refused: batch, error: body.error! };
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.results!.every((r) => r.status === 'applied')).toBe(true);
    acknowledged.push(...ids(batch));
  }
  throw new Error('the disk never filled');
}

/** Refused, then freed, then the very same batch (a client's resend) goes through. */
async function expectRecoveryAfterFreeing(c: Client, dir: string, refused: Mutation[]) {
  removeFiller(dir);
  const res = await push(c, refused);
  expect(res.status).toBe(200);
  expect(await health(c)).toMatchObject({ storage: 'ok' });
}

// Server starts and pushes of large notes: slow on a busy machine.
describe.skipIf(!mounted)('a full disk', { timeout: 180_000 }, () => {
  describe('on PGlite (the server as its own process)', () => {
    const dataDir = () => join(mounted!.dir, 'pglite');
    let client: Client;
    let server: { child: ChildProcess; url: string; stdout: () => string; stderr: () => string } | undefined;

    /** `npm run server` on the data folder; resolves once it listens. */
    async function startCli(args: string[] = []) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'server/cli/server.ts', '--data', dataDir(), '--port', '0', ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (c: Buffer) => {
          stdout += c.toString();
          const match = /listening on (http:\S+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
      });
      return { child, url, stdout: () => stdout, stderr: () => stderr };
    }

    async function stop() {
      if (!server || server.child.exitCode !== null || server.child.signalCode) return;
      const { child } = server;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // A wedged server cannot handle SIGTERM: never leave one spinning after a failed test.
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(kill);
    }

    beforeAll(async () => {
      // A migrated database with the push corpus and one participant, from the run's template.
      const db = await openPgliteFromTemplate(dataDir());
      expect((await importLines(db, PUSH_CORPUS)).rejected).toEqual([]);
      await upsertParticipant(db, { id: 'p-1', name: 'Writer', roles: ['expert'], language: 'en' });
      const token = await issueToken(db, 'p-1');
      await db.close();
      server = await startCli();
      client = { url: server.url, token };
    });

    afterAll(stop);

    it('refuses writes with 507 while the reserve is not free, keeps reads and health answering, and writes again once space is freed', async () => {
      expect(await health(client)).toMatchObject({ ok: true, storage: 'ok' });
      // The default reserve is 64 MB: leave a few MB more, so some writes fit, then not.
      leaveFree(mounted!.dir, 68 * MB);
      const { acknowledged, refused, error } = await pushUntilFull(client, 20);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(error).toMatchObject({ code: 'insufficient-storage' });
      expect(error.message).toMatch(/^the server is out of disk space: .* free in /);
      expect(await health(client)).toMatchObject({ ok: true, storage: 'full' });
      // Reads work (a token is still accepted), and every acknowledged write is there.
      const pulled = await pulledAnnotationIds(client);
      for (const id of acknowledged) expect(pulled.has(id)).toBe(true);
      for (const id of ids(refused)) expect(pulled.has(id)).toBe(false);
      // The operator is told, once per state change, and the refused request is logged as an error.
      expect(server!.stderr()).toMatch(/Storage full: .* writes are refused \(507\)/);
      expect(server!.stdout()).toMatch(/"level":50.*"code":"insufficient-storage".*the server is out of disk space/);

      await expectRecoveryAfterFreeing(client, mounted!.dir, refused);
      expect(server!.stderr()).toMatch(/Storage available again/);
      expect(server!.child.exitCode).toBeNull();
    });

    it('without a reserve the database wedges on its WAL; the watchdog ends the server with a message, and nothing acknowledged is lost', async () => {
      await stop();
      server = await startCli(['--reserve-mb', '0', '--stall-seconds', '3']);
      client = { ...client, url: server.url };
      const before = await pulledAnnotationIds(client);
      // Less than a WAL segment (16 MB) free, more than the tables need: the next segment cannot be created.
      leaveFree(mounted!.dir, 15 * MB);
      const exited = once(server.child, 'exit') as Promise<[number | null, string | null]>;
      const acknowledged: string[] = [];
      let ended = false;
      void exited.then(() => (ended = true));
      for (let i = 0; i < 40 && !ended; i++) {
        const batch = bigBatch(40);
        const res = await push(client, batch).catch(() => null);
        if (!res) break; // the connection died with the process
        if (res.status === 507) {
          // The tables filled before the WAL: give them a little more room, still under a segment.
          leaveFree(mounted!.dir, 15 * MB);
          continue;
        }
        expect(res.status).toBe(200);
        acknowledged.push(...ids(batch));
      }
      const [code, signal] = await exited;
      expect(code === 70 || signal === 'SIGKILL').toBe(true);
      expect(server.stderr()).toMatch(/The database stopped answering: .* for \d+ s \(a full disk can do this/);

      removeFiller(mounted!.dir);
      server = await startCli();
      client = { ...client, url: server.url };
      const pulled = await pulledAnnotationIds(client);
      for (const id of [...before, ...acknowledged]) expect(pulled.has(id)).toBe(true);
      expect((await push(client, bigBatch(1))).status).toBe(200);
    });

    it('an admin command on a full disk stops with one line, not a stack', async () => {
      await stop();
      leaveFree(mounted!.dir, 10 * MB);
      const corpus = join(mounted!.dir, 'corpus.jsonl');
      writeFileSync(corpus, PUSH_CORPUS.join('\n'));
      const admin = spawn(
        process.execPath,
        ['--import', 'tsx', 'server/cli/admin.ts', 'import', corpus, '--data', dataDir()],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      admin.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const [code] = (await once(admin, 'exit')) as [number | null];
      expect(stderr).toMatch(
        /^the server is out of disk space: .* free in .*\. Free some space, then run the command again\.\n$/,
      );
      expect(code).toBe(1);
      removeFiller(mounted!.dir);
    });
  });

  describe('on PostgreSQL (its tablespace on the small disk)', () => {
    const pgUrl = inject('pgUrl');
    const space = () => join(mounted!.dir, 'pg');
    const name = `full_${randomBytes(4).toString('hex')}`;
    let admin: pg.Client;
    let close: (() => Promise<void>) | undefined;
    let client: Client;

    beforeAll(async () => {
      mkdirSync(space());
      // The test cluster runs as the postgres user when the tests run as root.
      const postgresUid = Number(
        (await import('node:child_process')).execFileSync('id', ['-u', 'postgres']).toString(),
      );
      chownSync(space(), postgresUid, postgresUid);
      admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE TABLESPACE ${name} LOCATION '${space()}'`);
      await admin.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString());
      expect((await importLines(db, PUSH_CORPUS)).rejected).toEqual([]);
      await upsertParticipant(db, { id: 'p-1', name: 'Writer', roles: ['expert'], language: 'en' });
      const token = await issueToken(db, 'p-1');
      // Logged: a rare 500 on a read after a refused write was seen on CI, its cause not yet known.
      const server = await startServer({ port: 0, db, translator: null, logger: true });
      close = server.close;
      client = { url: server.url, token };
    });

    afterAll(async () => {
      await close?.();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`DROP TABLESPACE IF EXISTS ${name}`);
      await admin.end();
    });

    it('answers 507 when the tables cannot grow, keeps reads and health answering, and writes again once space is freed', async () => {
      leaveFree(mounted!.dir, 2 * MB);
      const { acknowledged, refused, error } = await pushUntilFull(client, 20);
      expect(error).toMatchObject({ code: 'insufficient-storage' });
      expect(await health(client)).toMatchObject({ ok: true, storage: 'full' });
      const pulled = await pulledAnnotationIds(client);
      for (const id of acknowledged) expect(pulled.has(id)).toBe(true);
      await expectRecoveryAfterFreeing(client, mounted!.dir, refused);
    });
  });
});
