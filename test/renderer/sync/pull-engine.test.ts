import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Question, QuestionId } from '../../../shared/model/entities.js';
import type { PullPage } from '../../../shared/protocol/pull.js';
import { openSeminarDb, type SeminarDb } from '../../../renderer/db/database.js';
import { getSyncMeta, listContributionsForQuestion, setRead, toggleStar } from '../../../renderer/db/queries.js';
import { createApiClient, SyncError, type ApiClient } from '../../../renderer/sync/api-client.js';
import { pullAll } from '../../../renderer/sync/pull-engine.js';
import { contribution, fakeChangeServer, type ChangeBody } from './fake-change-server.js';

let n = 0;
const dbName = () => `pull-${Date.now()}-${++n}`;

const question = (id: string, title = 'Q ' + id): Question => ({
  id: id as QuestionId,
  track: 'legal',
  theme: 'I',
  code: id,
  order: 1,
  title: { en: title },
  context: { en: 'ctx' },
  media: [],
  version: 1,
});

function corpus(): ChangeBody[] {
  const out: ChangeBody[] = [
    { kind: 'question', record: question('q1') },
    { kind: 'question', record: question('q2') },
  ];
  for (let i = 0; i < 12; i++)
    out.push({
      kind: 'contribution',
      record: contribution(`c${i}`, i % 2 ? 'q1' : 'q2', 'x'.repeat(400) + i, {
        createdAt: `2026-01-01T00:00:${String(59 - i).padStart(2, '0')}.000Z`,
      }),
    });
  out.push({ kind: 'contribution', record: contribution('c1', 'q1', 'updated text', { version: 2 }) });
  out.push({ kind: 'withdrawal', id: 'c3' as never, version: 2 });
  out.push({ kind: 'tombstone', entity: 'question', id: 'q2' });
  return out;
}

async function dump(db: SeminarDb) {
  const meta = await getSyncMeta(db);
  return {
    themes: await db.themes.toArray(),
    questions: await db.questions.toArray(),
    sessions: await db.sessions.toArray(),
    contributions: await db.contributions.toArray(),
    texts: await db.texts.toArray(),
    meta: { epoch: meta.epoch, checkpoint: meta.checkpoint, head: meta.head },
  };
}

async function fullPull(limit = 4) {
  const server = fakeChangeServer(corpus());
  const db = openSeminarDb(dbName());
  const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
  const progress: number[] = [];
  await pullAll({ db, client, limit, onProgress: (p) => progress.push(p.checkpoint) });
  return { db, server, progress };
}

describe('pullAll', () => {
  it('pulls everything, applies updates, withdrawals and tombstones', async () => {
    const { db, progress } = await fullPull();
    expect(progress).toEqual([4, 8, 12, 16, 17]);
    const d = await dump(db);
    expect(d.meta).toEqual({ epoch: 'e1', checkpoint: 17, head: 17 });
    expect(d.questions.map((q) => q.id)).toEqual(['q1']);
    expect(d.contributions).toHaveLength(12);
    const c1 = await db.contributions.get('c1' as never);
    expect(c1?.version).toBe(2);
    expect(c1?.excerpt).toBe('updated text');
    expect((await db.texts.get('c1' as never))?.versions[0]?.text).toBe('updated text');
    expect(c1?.machineLanguages).toEqual(['en']);
    expect(c1?.languages).toEqual(['fr', 'en']);
    expect((await db.contributions.get('c0' as never))?.excerpt).toHaveLength(300);
    // withdrawn: row kept, not listed
    expect((await db.contributions.get('c3' as never))?.status).toBe('withdrawn');
    const list = await listContributionsForQuestion(db, 'q1' as QuestionId);
    expect(list.map((r) => r.id)).toEqual(['c1', 'c11', 'c9', 'c7', 'c5']);
  });

  it('resumes after a cut at every page boundary with identical contents', async () => {
    const { db: reference } = await fullPull(3);
    const expected = await dump(reference);
    const pages = Math.ceil(corpus().length / 3);
    for (let k = 1; k < pages; k++) {
      const server = fakeChangeServer(corpus());
      const name = dbName();
      let db = openSeminarDb(name);
      const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
      let seen = 0;
      await expect(
        pullAll({
          db,
          client,
          limit: 3,
          onProgress: () => {
            if (++seen === k) throw new Error('crash');
          },
        }),
      ).rejects.toThrow('crash');
      db.close();
      db = openSeminarDb(name);
      expect((await getSyncMeta(db)).checkpoint).toBe(k * 3);
      await pullAll({ db, client, limit: 3 });
      const got = await dump(db);
      expect({ ...got, meta: got.meta }).toEqual(expected);
    }
  });

  it('rejects malformed pages and leaves the db unchanged', async () => {
    const { db, server } = await fullPull();
    const before = await dump(db);
    server.add({ kind: 'question', record: question('q9') });
    const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
    const variants: ((p: PullPage) => unknown)[] = [
      (p) => ({ ...p, changes: [{ ...p.changes[0], kind: 'bogus' }] }),
      (p) => ({ ...p, changes: [{ ...p.changes[0], seq: 1 }], checkpoint: 1 }),
      (p) => ({ ...p, checkpoint: p.checkpoint + 5 }),
      (p) => ({ ...p, since: 3 }),
    ];
    for (const mutate of variants) {
      server.mutate = mutate;
      const err = await pullAll({ db, client, retries: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncError);
      expect((err as SyncError).code).toBe('malformed-page');
      expect(await dump(db)).toEqual(before);
    }
  });

  it('epoch change resets corpus and re-pulls; readState and outbox survive', async () => {
    const { db, server } = await fullPull();
    await setRead(db, 'c1' as never, true);
    await toggleStar(db, 'c1' as never);
    // A material the old server described: the new one does not have it.
    await db.materials.put({ id: 'm-old', ownerId: 'q1' } as never);
    server.epoch = 'e2';
    server.changes = server.changes.slice(0, 3);
    const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
    const r = await pullAll({ db, client });
    expect(r.reset).toBe(true);
    const d = await dump(db);
    expect(d.meta).toEqual({ epoch: 'e2', checkpoint: 3, head: 3 });
    expect(d.contributions.map((c) => c.id)).toEqual(['c0']);
    expect(await db.materials.count()).toBe(0);
    expect(await db.readState.get('c1' as never)).toMatchObject({ read: true, starred: true });
    expect(await db.outbox.count()).toBe(2);
  });

  it('checkpoint-ahead resets and pulls from 0', async () => {
    const { db, server } = await fullPull();
    server.changes = server.changes.slice(0, 5);
    const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
    const r = await pullAll({ db, client });
    expect(r.reset).toBe(true);
    expect((await getSyncMeta(db)).checkpoint).toBe(5);
  });

  it('retries network errors, then reports network', async () => {
    const server = fakeChangeServer(corpus());
    const db = openSeminarDb(dbName());
    const client = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
    server.failNext = 2;
    await pullAll({ db, client, retryDelayMs: 1 });
    expect((await getSyncMeta(db)).checkpoint).toBe(17);
    server.add({ kind: 'question', record: question('q7') });
    server.failNext = 10;
    const err = await pullAll({ db, client, retries: 2, retryDelayMs: 1 }).catch((e: unknown) => e);
    expect((err as SyncError).code).toBe('network');
  });
  it('asks the next page as soon as the current one is parsed, before it is validated and written', async () => {
    const server = fakeChangeServer(corpus());
    const db = openSeminarDb(dbName());
    const real = createApiClient({ baseUrl: 'http://fake', token: 't', fetch: server.fetch });
    const asked: number[] = [];
    const applied: number[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const client: Pick<ApiClient, 'pull'> = {
      async pull(since, limit, signal, catchUp, onCheckpoint) {
        asked.push(since);
        // At most three pages not yet written: the one being written, the next (awaited), one asked ahead.
        expect(asked.length).toBeLessThanOrEqual(applied.length + 3);
        const page = await real.pull(since, limit, signal, catchUp, onCheckpoint);
        if (since === 0) await slow; // the first page's validation takes its time
        return page;
      },
    };
    const pulling = pullAll({ db, client, limit: 4, onProgress: (p) => applied.push(p.checkpoint) });
    await vi.waitFor(() => expect(asked).toEqual([0, 4]));
    release();
    await pulling;
    expect(asked).toEqual([0, 4, 8, 12, 16]);
    expect(applied).toEqual([4, 8, 12, 16, 17]);
    expect((await dump(db)).meta).toEqual({ epoch: 'e1', checkpoint: 17, head: 17 });
  });
});
