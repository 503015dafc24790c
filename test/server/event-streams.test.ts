import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { hashToken } from '../../server/auth/tokens.js';
import { openPostgres } from '../../server/db/database.js';
import { startServer } from '../../server/start.js';
import { freshPostgresUrl, pushMutations, startTestServer } from '../support/server-harness.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';

/** An open GET /api/events: the events read so far, and whether the server ended it. */
function openStream(url: string, token: string) {
  const controller = new AbortController();
  const events: { event: string; head: number }[] = [];
  let ended = false;
  let text = '';
  const ready = fetch(`${url}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  }).then(async (res) => {
    if (res.status !== 200) return res;
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
          for (const m of text.matchAll(/event: (\w+)\ndata: \{"head":(\d+)[^\n]*\n\n/g))
            events.push({ event: m[1]!, head: Number(m[2]) });
          text = text.slice(text.lastIndexOf('\n\n') + 2);
        }
      } catch {
        /* aborted by the test */
      }
      ended = true;
    })();
    return res;
  });
  return {
    ready,
    events,
    get ended() {
      return ended;
    },
    lastHead: () => events.at(-1)?.head ?? -1,
    close: () => controller.abort(),
  };
}

const until = async (condition: () => boolean, what: string, ms = 10_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Counts the head reads the server makes (queries over the seq columns), each made `delayMs` slower. */
function countHeadReads(db: { query: (...args: never[]) => unknown }, delayMs = 0) {
  const original = db.query.bind(db) as (sql: string, params?: unknown[]) => Promise<unknown[]>;
  let reads = 0;
  (db as { query: unknown }).query = async (sql: string, params?: unknown[]) => {
    if (/MAX\(seq\)/.test(sql)) {
      reads += 1;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    }
    return original(sql, params);
  };
  return {
    get reads() {
      return reads;
    },
  };
}

describe('the live channel', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { streamsPerToken: 100, streamsPerAddress: 1_000 },
    });
    await importLines(server.db, PUSH_CORPUS);
  });
  afterAll(() => server?.close());

  it('reads the head once per change for all its streams, and every stream hears of it', async () => {
    const writer = await server.signIn({ id: 'writer', name: 'Writer' });
    const streams: ReturnType<typeof openStream>[] = [];
    for (let i = 0; i < 20; i++) {
      const device = await server.signIn({ id: `reader-${i % 5}`, name: 'Reader' });
      streams.push(openStream(server.url, device.token));
    }
    await Promise.all(streams.map((s) => s.ready));
    await until(() => streams.every((s) => s.events.length > 0), 'hellos');
    const counter = countHeadReads(server.db);
    const [result] = await pushMutations(writer, [annotationPut({ visibility: 'seminar' })]);
    expect(result!.status).toBe('applied');
    const head = Math.max(
      ...(await server.db.query<{ s: number }>('SELECT last_value AS s FROM change_seq')).map((r) => Number(r.s)),
    );
    await until(() => streams.every((s) => s.lastHead() === head), 'every stream told');
    expect(counter.reads).toBe(1);
    for (const s of streams) s.close();
  });

  it('folds changes that come faster than it reads into one more read', async () => {
    const writer = await server.signIn({ id: 'writer', name: 'Writer' });
    const streams = await Promise.all(
      Array.from({ length: 10 }, async () =>
        openStream(server.url, (await server.signIn({ id: 'r', name: 'R' })).token),
      ),
    );
    await until(() => streams.every((s) => s.events.length > 0), 'hellos');
    // Head reads made slow: changes now come faster than the channel reads.
    const counter = countHeadReads(server.db, 200);
    const pushes = 20;
    await Promise.all(
      Array.from({ length: pushes }, () => pushMutations(writer, [annotationPut({ visibility: 'seminar' })])),
    );
    const [{ s: head }] = (await server.db.query<{ s: number }>('SELECT last_value AS s FROM change_seq')) as [
      { s: number },
    ];
    await until(() => streams.every((s) => s.lastHead() === Number(head)), 'every stream told');
    expect(counter.reads).toBeLessThan(pushes);
    for (const s of streams) {
      const heads = s.events.map((e) => e.head);
      expect(heads).toEqual([...heads].sort((a, b) => a - b)); // never backwards
      s.close();
    }
  });
});

describe('live channel limits and revocation', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { streamsPerToken: 2, streamsPerAddress: 5 },
    });
    await importLines(server.db, PUSH_CORPUS);
  });
  afterAll(() => server?.close());

  const refusal = async (res: Response) => ({
    status: res.status,
    body: (await res.json()) as { error: { code: string; details: { reason: string; per: string } } },
  });

  it('caps the open streams of a token, then of an address, with a clear refusal', async () => {
    const a = await server.signIn({ id: 'cap', name: 'Cap' });
    const first = [openStream(server.url, a.token), openStream(server.url, a.token)];
    expect((await Promise.all(first.map((s) => s.ready))).map((r) => r.status)).toEqual([200, 200]);
    const third = await refusal(await openStream(server.url, a.token).ready);
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({
      code: 'rate-limited',
      details: { reason: 'too-many-streams', per: 'token' },
    });

    const others: ReturnType<typeof openStream>[] = [];
    for (let i = 0; i < 3; i++)
      others.push(openStream(server.url, (await server.signIn({ id: 'cap', name: 'Cap' })).token));
    expect((await Promise.all(others.map((s) => s.ready))).map((r) => r.status)).toEqual([200, 200, 200]);
    const sixth = await refusal(
      await openStream(server.url, (await server.signIn({ id: 'cap', name: 'Cap' })).token).ready,
    );
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.details).toMatchObject({ reason: 'too-many-streams', per: 'address' });

    // A closed stream frees its place.
    first[0]!.close();
    await until(() => first[0]!.ended, 'the stream closed');
    await new Promise((r) => setTimeout(r, 100));
    const again = openStream(server.url, a.token);
    expect((await again.ready).status).toBe(200);
    for (const s of [...first, ...others, again]) s.close();
    await until(() => server.app.eventStreams.size === 0, 'every stream closed on the server');
  });

  it("closes a device's stream when the device is revoked, and when it signs out", async () => {
    const laptop = await server.signIn({ id: 'owner', name: 'Owner' });
    const phone = await server.signIn({ id: 'owner', name: 'Owner' });
    const stream = openStream(server.url, phone.token);
    await stream.ready;
    await until(() => stream.events.length > 0, 'hello');
    const deviceId = hashToken(phone.token).slice(0, 16);
    const res = await fetch(`${server.url}/api/devices/${deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${laptop.token}` },
    });
    expect(res.status).toBe(200);
    await until(() => stream.ended, 'the revoked device’s stream to close', 5_000);

    const own = openStream(server.url, laptop.token);
    await own.ready;
    await until(() => own.events.length > 0, 'hello');
    const out = await laptop.post('/api/auth/sign-out', {});
    expect(out.status).toBe(200);
    await until(() => own.ended, 'the signed-out device’s stream to close', 5_000);
    const after = await laptop.get('/api/me');
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('token-revoked');
  });
});

describe('revocation across instances on one PostgreSQL', () => {
  it('closes the stream held by the other instance', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const a = await startServer({ port: 0, db: await openPostgres(url), translator: null });
    const b = await startServer({ port: 0, db: await openPostgres(url), translator: null });
    try {
      const { upsertParticipant, issueToken } = await import('../../server/auth/tokens.js');
      await upsertParticipant(a.db, { id: 'x', name: 'X', roles: ['expert'], language: 'en' });
      const [laptop, phone] = [await issueToken(a.db, 'x'), await issueToken(a.db, 'x')];
      const stream = openStream(b.url, phone);
      await stream.ready;
      await until(() => stream.events.length > 0, 'hello');
      const res = await fetch(`${a.url}/api/devices/${hashToken(phone).slice(0, 16)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${laptop}` },
      });
      expect(res.status).toBe(200);
      await until(() => stream.ended, 'the stream on the other instance to close', 5_000);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
