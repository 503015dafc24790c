import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request } from 'node:http';
import zlib from 'node:zlib';
import { currentHead } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { buildPullPage } from '../../server/pull/changes.js';
import { CORPUS_TABLES, CorpusPageCache, pullFacts, PullFactsCache } from '../../server/pull/corpus-pages.js';
import { decompressBody, type PullEncoding } from '../../server/pull/pull-answer.js';
import { closeBody, openBody } from '../../server/pull/spliced-body.js';
import { ALL_SYNCED_TABLES, visibleRows } from '../../server/pull/visibility.js';
import type { ParticipantId } from '../../shared/model/entities.js';
import type { PullPage } from '../../shared/protocol/pull.js';
import { pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';
import { FEB, twoEvents } from './event-fixtures.js';
import { expectFreshOrItsBeginning } from './fresh-page.js';

describe('spliced bodies', () => {
  const kept = Buffer.from(`{"changes":[${Array.from({ length: 3000 }, (_, i) => `{"seq":${i},"t":"x${i}"}`)}]`);
  const tail = Buffer.from(',"protocol":2,"head":3000,"remaining":0,"hasMore":false}');
  it.each<PullEncoding>(['zstd', 'br', 'gzip'])('%s: the kept part and a tail decode as one body', async (encoding) => {
    const open = await openBody(kept, { encoding, level: encoding === 'br' ? 4 : encoding === 'zstd' ? 3 : 1 });
    const body = closeBody(open, tail);
    expect(decompressBody(body, encoding).toString()).toBe(kept.toString() + tail.toString());
    // Each request closes the same kept part with its own tail.
    const other = Buffer.from(',"protocol":2,"head":3001,"remaining":1,"hasMore":true}');
    expect(decompressBody(closeBody(open, other), encoding).toString()).toBe(kept.toString() + other.toString());
  });

  it('none: the two parts one after the other', async () => {
    expect(closeBody(await openBody(kept, undefined), tail).toString()).toBe(kept.toString() + tail.toString());
  });

  it('gzip: one member whose trailer checks the whole', async () => {
    const body = closeBody(await openBody(kept, { encoding: 'gzip', level: 1 }), tail);
    const whole = Buffer.concat([kept, tail]);
    expect(body.readUInt32LE(body.length - 8)).toBe(zlib.crc32(whole));
    expect(body.readUInt32LE(body.length - 4)).toBe(whole.length);
  });
});

/** GET with a given Accept-Encoding, decoded by hand (so each encoding is really the one used). */
function pull(url: string, token: string, accept: PullEncoding | 'identity') {
  return new Promise<{ status: number; json: string }>((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'] as PullEncoding | undefined;
        if ((encoding ?? 'identity') !== accept) reject(new Error(`asked ${accept}, got ${encoding}`));
        resolve({ status: res.statusCode ?? 0, json: (encoding ? decompressBody(body, encoding) : body).toString() });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const contribution = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'contribution',
    id: `cc${i}`,
    questionId: 'q1',
    author: { name: 'Author', kind: 'individual' },
    language: 'fr',
    createdAt: '2018-01-01T00:00:00Z',
    status: 'published',
    text: `Texte ${i} `.repeat(20 + i),
    ...extra,
  });

describe.each<Backend>(['pglite', 'postgres'])('the corpus page cache on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;
  const LIMIT = 4;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    // Corpus, then the two events' own rows (memberships, syntheses, notes: some private), then more corpus:
    // so the events' rows sit inside the corpus's pages for their members, not for dave.
    await importLines(server.db, [...PUSH_CORPUS, ...Array.from({ length: 12 }, (_, i) => contribution(i))]);
    people = await twoEvents(server);
    // One row in each table the events' fixture does not write (an event's material, a private note on it, the
    // event's proceedings), so that the NOBODY check below has something to hide in every table.
    await server.db.query(
      `INSERT INTO materials (id, owner_kind, owner_id, title, description, media_type, size, sha256, seq)
       VALUES ('m-feb', 'event', $1, '{"en":"FEBMARK study"}', '{}', 'application/pdf', 10, $2, nextval('change_seq'))`,
      [FEB, 'a'.repeat(64)],
    );
    await server.db.query(
      `INSERT INTO material_notes (id, author_id, author_name, material_id, target, note, tags, visibility, event_id,
         created_at, updated_at, seq)
       VALUES ('mn-feb', 'bob', 'Bob', 'm-feb', $2, 'FEBMARK bob private pdf note', '[]', 'private', $1, now(), now(),
         nextval('change_seq'))`,
      [
        FEB,
        JSON.stringify({
          kind: 'pdf',
          materialId: 'm-feb',
          sha256: 'a'.repeat(64),
          page: 1,
          textHash: 'h',
          quote: { exact: 'x', prefix: '', suffix: '' },
          position: { start: 0, end: 1 },
        }),
      ],
    );
    await server.db.query(`INSERT INTO proceedings (event_id, seq) VALUES ($1, nextval('change_seq'))`, [FEB]);
    await importLines(
      server.db,
      Array.from({ length: 12 }, (_, i) => contribution(100 + i)),
    );
  });
  afterAll(() => server?.close());

  /**
   * Walks every page of one participant's pull, checking each against the
   * page built fresh for them: the very same page, or, from the cache, its
   * beginning up to the corpus page's end (their own rows then come next),
   * with the participant's exact head and remaining count. The walk's
   * changes are those of a walk of fresh pages.
   */
  async function walk(who: { participant: { id: string }; token: string }, accept: PullEncoding | 'identity') {
    const scope = { participantId: who.participant.id, leftEvents: [] };
    const head = await currentHead(server.db, scope);
    const fresh = (since: number, epoch: string) =>
      buildPullPage(server.db, {
        since,
        limit: LIMIT,
        head,
        epoch,
        participantId: who.participant.id as ParticipantId,
      });
    let since = 0;
    let raw = '';
    const changes: unknown[] = [];
    for (;;) {
      const res = await pull(`${server.url}/api/changes?since=${since}&limit=${LIMIT}`, who.token, accept);
      expect(res.status).toBe(200);
      const page = JSON.parse(res.json) as PullPage;
      const built = await fresh(since, page.epoch);
      await expectFreshOrItsBeginning(server.db, res.json, built, scope);
      raw += res.json;
      changes.push(...page.changes);
      since = page.checkpoint;
      if (!page.hasMore) break;
    }
    expect(since).toBe(head);
    const all: unknown[] = [];
    for (let at = 0, epoch = ''; ;) {
      const page = await fresh(at, epoch);
      all.push(...page.changes);
      [at, epoch] = [page.checkpoint, page.epoch];
      if (!page.hasMore) break;
    }
    expect(changes).toEqual(all);
    return raw;
  }

  it.each<PullEncoding | 'identity'>(['zstd', 'br', 'gzip', 'identity'])(
    'serves, as %s, each participant the very page built fresh for them, from the cache when it is the corpus page',
    async (accept) => {
      const stats = { ...server.app.corpusPages.stats };
      for (const who of Object.values(people)) await walk(who, accept);
      await walk({ participant: { id: 'tester' }, token: server.token }, accept);
      const now = server.app.corpusPages.stats;
      expect(now.served - stats.served).toBeGreaterThan(10);
      // The events' members have pages of their own (declined), which were built fresh.
      expect(now.declined - stats.declined).toBeGreaterThan(0);
    },
  );

  it('never carries an event’s rows or anyone’s note to someone outside it', async () => {
    const raw = await walk(people.dave, 'zstd');
    expect(raw).not.toMatch(/FEBMARK|APRMARK/);
    expect(raw).not.toContain('"annotation');
    // And bob, in February, never sees April, nor the text of alice's or carol's April notes.
    const bob = await walk(people.bob, 'zstd');
    expect(bob).not.toContain('APRMARK');
  });

  it('a participant’s own rows inside a corpus page make it theirs: built fresh, not taken from the cache', async () => {
    // Dave's private note now sits after the corpus; a new corpus row after it puts it inside the last corpus page.
    await pushMutations(people.dave, [annotationPut({ note: 'DAVEMARK private', visibility: 'private' })]);
    await importLines(server.db, [contribution(200)]);
    const mine = await walk(people.dave, 'gzip');
    expect(mine).toContain('DAVEMARK');
    for (const who of [people.bob, people.carol]) expect(await walk(who, 'gzip')).not.toContain('DAVEMARK');
    expect(await walk({ participant: { id: 'tester' }, token: server.token }, 'gzip')).not.toContain('DAVEMARK');
  });

  it('follows the corpus through updates and withdrawals (a new position, new pages)', async () => {
    const before = (await walk(people.dave, 'br')).length;
    const built = server.app.corpusPages.stats.built;
    await importLines(server.db, [contribution(3, { text: 'Texte changé '.repeat(40) })]);
    await importLines(server.db, [contribution(105, { status: 'withdrawn' })]);
    const after = await walk(people.dave, 'br');
    expect(after).toContain('Texte changé');
    expect(after).toContain('"kind":"withdrawal","id":"cc105"');
    expect(after.length).not.toBe(before);
    expect(server.app.corpusPages.stats.built).toBeGreaterThan(built);
    for (const who of Object.values(people)) await walk(who, 'br');
  });

  it('reads the corpus from its tables only: NOBODY sees no row of any other table', async () => {
    const others = ALL_SYNCED_TABLES.filter((t) => !CORPUS_TABLES.includes(t));
    const nobody = { participant: '$1', left: '$2', event: '$3', until: '$4' };
    for (const t of others) {
      const [all] = await server.db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t}`);
      const [seen] = await server.db.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM ${t} WHERE ${visibleRows(t, nobody)}`,
        [null, [], null, null],
      );
      expect({ t, seen: seen!.n }).toEqual({ t, seen: 0 });
      // The fixture has rows in each, or this would prove nothing.
      if (!['read_states', 'tombstones'].includes(t)) expect({ t, n: all!.n > 0 }).toEqual({ t, n: true });
    }
  });

  it('keeps each participant’s facts while the log stands still, and reads them again once it moves', async () => {
    const kept = new PullFactsCache();
    const check = async () => {
      for (const who of [...Object.values(people), { participant: { id: 'tester' } }]) {
        const scope = { participantId: who.participant.id, leftEvents: [] };
        const head = await currentHead(server.db, scope);
        for (const since of [0, 5, 20, 40, head - 1, head])
          expect({ who: who.participant.id, since, ...(await kept.facts(server.db, scope, since)) }).toEqual({
            who: who.participant.id,
            since,
            ...(await pullFacts(server.db, scope, since)),
          });
      }
    };
    await check();
    // Their own new row, another's, and the corpus: each moves the head, and the facts follow.
    await pushMutations(people.carol, [annotationPut({ note: 'CAROLMARK private', visibility: 'private' })]);
    await check();
    await importLines(server.db, [contribution(300)]);
    await check();
  });

  it('keys pages by epoch: a page is never served under another epoch', async () => {
    const cache = new CorpusPageCache(1 << 30);
    const scope = { participantId: 'dave', leftEvents: [] };
    const facts = await pullFacts(server.db, scope, 0);
    const run = <T>(fn: () => Promise<T>) => fn();
    const page = async (epoch: string) => {
      const answer = await cache.answer(
        server.db,
        { since: 0, limit: LIMIT, epoch, scope, facts, compression: undefined },
        run,
      );
      return JSON.parse(answer!.body.toString()) as PullPage;
    };
    expect((await page('first')).epoch).toBe('first');
    expect((await page('second')).epoch).toBe('second');
    expect(cache.stats.built).toBe(2);
  });

  it('keeps at most its byte budget, dropping the least recently used page', async () => {
    const cache = new CorpusPageCache(1);
    const scope = { participantId: 'dave', leftEvents: [] };
    const run = <T>(fn: () => Promise<T>) => fn();
    for (const since of [0, 1, 2]) {
      const facts = await pullFacts(server.db, scope, since);
      await cache.answer(server.db, { since, limit: LIMIT, epoch: 'e', scope, facts, compression: undefined }, run);
      await new Promise((resolve) => setImmediate(resolve));
      expect(cache.size.pages).toBeLessThanOrEqual(1);
    }
  });
});
