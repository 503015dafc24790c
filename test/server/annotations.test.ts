import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { pullPageSchema, type Change, type PullPage } from '../../shared/protocol/pull.js';
import type { Annotation } from '../../shared/model/annotations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { deleteAnnotation, putAnnotation, type AnnotationInput } from '../../server/annotations/annotation-store.js';
import { currentHead } from '../../server/db/database.js';
import type { WriteResult } from '../../server/write-result.js';
import { startTestServer, type Backend } from '../support/server-harness.js';

const corpus = [
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
  { type: 'translation', contributionId: 'c1', language: 'fr', origin: 'machine', engine: 'mt', text: 'Les États…' },
].map((r) => JSON.stringify(r));

/** Words that exist only in the annotation under test, never in the corpus. */
const SECRET = { note: 'my-secret-note', quote: 'exercise due diligence', hash: 'secret-hash', tag: 'secret-tag' };

const input = (overrides: Partial<AnnotationInput> = {}): AnnotationInput => ({
  id: randomUUID() as AnnotationInput['id'],
  target: {
    contributionId: 'c1' as AnnotationInput['target']['contributionId'],
    language: 'en',
    sourceVersion: 1,
    textHash: SECRET.hash,
    quote: { exact: SECRET.quote, prefix: 'States should ', suffix: ' in cyberspace.' },
    position: { start: 14, end: 36 },
  },
  note: SECRET.note,
  tags: [SECRET.tag as AnnotationInput['tags'][number]],
  visibility: 'private',
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...overrides,
});

function applied(result: WriteResult<Annotation>): Annotation {
  if (result.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(result)}`);
  return result.record;
}

describe.each<Backend>(['pglite', 'postgres'])('annotations on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Device = Awaited<ReturnType<typeof server.signIn>>;
  let alice: Device;
  let alicePhone: Device;
  let bob: Device;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    expect((await importLines(server.db, corpus)).rejected).toEqual([]);
    alice = await server.signIn({ id: 'alice', name: 'Alice' });
    alicePhone = await server.signIn({ id: 'alice', name: 'Alice' });
    bob = await server.signIn({ id: 'bob', name: 'Bob' });
  });
  afterAll(() => server?.close());

  /** Every page from `since` on, each checked against the wire schema, and the raw bodies. */
  const pull = async (device: Device, since = 0, limit = 1000) => {
    const changes: Change[] = [];
    const pages: PullPage[] = [];
    let raw = '';
    for (;;) {
      const res = await device.get(`/api/changes?since=${since}&limit=${limit}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      raw += body;
      const page = pullPageSchema.parse(JSON.parse(body));
      pages.push(page);
      changes.push(...page.changes);
      since = page.checkpoint;
      if (!page.hasMore) return { changes, pages, raw, checkpoint: since };
    }
  };
  const about = (changes: Change[], id: string) =>
    changes.filter(
      (c) => (c.kind === 'annotation' && c.record.id === id) || (c.kind === 'annotation-hidden' && c.id === id),
    );
  const lastAbout = (changes: Change[], id: string) => about(changes, id).at(-1);

  it('creates, edits and deletes through the service; the author pulls each state on another device', async () => {
    const created = applied(await putAnnotation(server.db, alice.participant, input(), null));
    expect(created).toMatchObject({ authorId: 'alice', authorName: 'Alice', version: 1, deleted: false });
    expect(lastAbout((await pull(alicePhone)).changes, created.id)).toEqual({
      seq: expect.any(Number),
      kind: 'annotation',
      record: created,
    });

    const edited = applied(
      await putAnnotation(
        server.db,
        alice.participant,
        { ...input({ id: created.id, note: 'second thoughts', visibility: 'seminar' }) },
        1,
      ),
    );
    expect(edited).toMatchObject({ version: 2, note: 'second thoughts', createdAt: created.createdAt });

    const deleted = applied(await deleteAnnotation(server.db, alice.participant, created.id, 2));
    // The tombstone keeps the note: the author's words are never lost.
    expect(deleted).toMatchObject({ version: 3, deleted: true, note: 'second thoughts' });
    const { changes } = await pull(alicePhone);
    expect(about(changes, created.id)).toHaveLength(1);
    expect(lastAbout(changes, created.id)).toMatchObject({ kind: 'annotation', record: deleted });

    // A deletion that meets a deletion is done, and changes nothing.
    const head = await currentHead(server.db);
    expect(applied(await deleteAnnotation(server.db, alice.participant, created.id, 1))).toEqual(deleted);
    expect(await currentHead(server.db)).toBe(head);
  });

  it("never serves A's private annotation to B: B gets only its id, A's other device gets all of it", async () => {
    const before = (await pull(bob)).checkpoint;
    const secret = applied(await putAnnotation(server.db, alice.participant, input(), null));

    const seenByBob = await pull(bob, before);
    expect(seenByBob.changes).toEqual([{ seq: expect.any(Number), kind: 'annotation-hidden', id: secret.id }]);
    for (const word of [SECRET.note, SECRET.quote, SECRET.hash, SECRET.tag, 'Alice']) {
      expect(seenByBob.raw).not.toContain(word);
    }
    // From zero too, and whatever the page size.
    for (const limit of [1, 3, 1000]) {
      const all = await pull(bob, 0, limit);
      expect(all.raw).not.toContain(SECRET.note);
      expect(all.changes.some((c) => c.kind === 'annotation' && c.record.visibility === 'private')).toBe(false);
    }

    expect(lastAbout((await pull(alicePhone, before)).changes, secret.id)).toMatchObject({
      kind: 'annotation',
      record: secret,
    });
  });

  it('takes a note turned private off B at B’s next pull', async () => {
    const shared = applied(
      await putAnnotation(server.db, alice.participant, input({ visibility: 'seminar', note: 'shared' }), null),
    );
    const first = await pull(bob);
    expect(lastAbout(first.changes, shared.id)).toMatchObject({ kind: 'annotation', record: shared });

    applied(
      await putAnnotation(
        server.db,
        alice.participant,
        input({ id: shared.id, visibility: 'private', note: 'now private' }),
        1,
      ),
    );
    const next = await pull(bob, first.checkpoint);
    expect(about(next.changes, shared.id)).toEqual([
      { seq: expect.any(Number), kind: 'annotation-hidden', id: shared.id },
    ]);
    expect(next.raw).not.toContain('now private');
    expect(lastAbout((await pull(alicePhone, first.checkpoint)).changes, shared.id)).toMatchObject({
      record: { visibility: 'private', note: 'now private', version: 2 },
    });
  });

  it("serves another's seminar deletion without its note or tags", async () => {
    const shared = applied(
      await putAnnotation(server.db, alice.participant, input({ visibility: 'seminar', note: 'to delete' }), null),
    );
    applied(await deleteAnnotation(server.db, alice.participant, shared.id, 1));
    expect(lastAbout((await pull(bob)).changes, shared.id)).toMatchObject({
      kind: 'annotation',
      record: { id: shared.id, deleted: true, note: '', tags: [], version: 2 },
    });
    expect(lastAbout((await pull(alicePhone)).changes, shared.id)).toMatchObject({
      record: { deleted: true, note: 'to delete', tags: [SECRET.tag] },
    });
  });

  it('lets only the author edit or delete, and tells nothing of the record to anyone else', async () => {
    for (const visibility of ['seminar', 'private'] as const) {
      const mine = applied(await putAnnotation(server.db, alice.participant, input({ visibility }), null));
      const head = await currentHead(server.db);
      const attempts = [
        await putAnnotation(server.db, bob.participant, input({ id: mine.id, note: 'hijacked' }), 1),
        await putAnnotation(server.db, bob.participant, input({ id: mine.id }), null),
        await deleteAnnotation(server.db, bob.participant, mine.id, 1),
      ];
      for (const result of attempts) {
        expect(result).toEqual({ status: 'rejected', reason: 'forbidden', message: expect.any(String) });
      }
      expect(await currentHead(server.db)).toBe(head);
      expect(lastAbout((await pull(alicePhone)).changes, mine.id)).toMatchObject({ record: mine });
    }
  });

  it('answers a stale baseVersion with a conflict carrying the current record', async () => {
    const a = applied(await putAnnotation(server.db, alice.participant, input({ note: 'v1' }), null));
    const v2 = applied(await putAnnotation(server.db, alice.participant, input({ id: a.id, note: 'laptop' }), 1));
    const head = await currentHead(server.db);

    const fromPhone = await putAnnotation(server.db, alicePhone.participant, input({ id: a.id, note: 'phone' }), 1);
    expect(fromPhone).toEqual({ status: 'conflict', current: v2 });
    // A creation that meets an existing record is a conflict too, never an overwrite.
    expect(await putAnnotation(server.db, alice.participant, input({ id: a.id, note: 'again' }), null)).toEqual({
      status: 'conflict',
      current: v2,
    });
    expect(await deleteAnnotation(server.db, alicePhone.participant, a.id, 1)).toEqual({
      status: 'conflict',
      current: v2,
    });
    expect(await currentHead(server.db)).toBe(head);
  });

  it('lets exactly one of two concurrent edits of the same version through', async () => {
    const a = applied(await putAnnotation(server.db, alice.participant, input(), null));
    const results = await Promise.all([
      putAnnotation(server.db, alice.participant, input({ id: a.id, note: 'laptop' }), 1),
      putAnnotation(server.db, alicePhone.participant, input({ id: a.id, note: 'phone' }), 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
    const winner = results.find((r) => r.status === 'applied')!;
    expect(results.find((r) => r.status === 'conflict')).toEqual({ status: 'conflict', current: winner.record });
  });

  it('applies a resent write once', async () => {
    const sent = input({ note: 'once' });
    const first = applied(await putAnnotation(server.db, alice.participant, sent, null));
    const head = await currentHead(server.db);
    expect(await putAnnotation(server.db, alice.participant, sent, null)).toEqual({
      status: 'applied',
      record: first,
    });
    expect(await currentHead(server.db)).toBe(head);
  });

  it('rejects unknown targets and bad input, and stores nothing', async () => {
    const head = await currentHead(server.db);
    const target = input().target;
    const cases: [AnnotationInput, RegExp][] = [
      [
        input({ target: { ...target, contributionId: 'nope' as typeof target.contributionId } }),
        /unknown contribution/,
      ],
      [input({ target: { ...target, language: 'de' } }), /has no text in de/],
      [input({ id: 'not-random' as AnnotationInput['id'] }), /random UUID/],
      [input({ note: 'x'.repeat(20_001) }), /note/],
      [input({ visibility: 'public' as 'seminar' }), /visibility/],
      [{ ...input(), author: 'bob' } as AnnotationInput, /author/],
    ];
    for (const [bad, message] of cases) {
      const result = await putAnnotation(server.db, alice.participant, bad, null);
      expect(result).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
      expect(result.status === 'rejected' && result.message).toMatch(message);
    }
    expect(await putAnnotation(server.db, alice.participant, input(), 0)).toMatchObject({ status: 'rejected' });
    expect(await deleteAnnotation(server.db, alice.participant, randomUUID(), 1)).toMatchObject({
      status: 'rejected',
      reason: 'not-found',
    });
    expect(await currentHead(server.db)).toBe(head);
  });

  it('refuses a note or a selector holding a NUL or half a character, naming the field (never rewrites it)', async () => {
    const target = input().target;
    const note = await putAnnotation(server.db, alice.participant, input({ note: 'a\u0000b' }), null);
    expect(note).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
    expect((note as { message: string }).message).toMatch(/^note: holds a NUL character/);
    const prefix = await putAnnotation(
      server.db,
      alice.participant,
      input({ target: { ...target, quote: { ...target.quote, prefix: '\ude00 States ' } } }),
      null,
    );
    expect((prefix as { message: string }).message).toMatch(/^target\.quote\.prefix: holds half of a character/);
  });

  it('counts annotations and tags in the head and the remaining count, hidden ones included', async () => {
    const since = await currentHead(server.db);
    const seen = vi.fn();
    const off = server.db.onChange(seen);
    const a = applied(await putAnnotation(server.db, alice.participant, input(), null));
    const b = applied(await putAnnotation(server.db, alice.participant, input({ visibility: 'seminar' }), null));
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    off();
    const tag = { type: 'tag', id: 'attribution', order: 1, color: '#ff7f0e', label: { en: 'Attribution' } };
    expect(await importLines(server.db, [JSON.stringify(tag)])).toMatchObject({ tags: 1 });
    const head = await currentHead(server.db);
    expect(head).toBe(since + 3);

    const page = pullPageSchema.parse(await (await bob.get(`/api/changes?since=${since}&limit=1`)).json());
    expect(page).toMatchObject({ head, remaining: 2, hasMore: true });
    expect(page.changes).toEqual([{ seq: since + 1, kind: 'annotation-hidden', id: a.id }]);
    const rest = pullPageSchema.parse(await (await bob.get(`/api/changes?since=${page.checkpoint}`)).json());
    expect(rest).toMatchObject({ head, remaining: 0, hasMore: false, checkpoint: head });
    expect(rest.changes).toEqual([
      { seq: since + 2, kind: 'annotation', record: b },
      { seq: head, kind: 'tag', record: expect.objectContaining({ id: 'attribution', status: 'active' }) },
    ]);
  });

  it('pages mixed changes without gaps or duplicates for every participant', async () => {
    for (const device of [alice, bob]) {
      const whole = await pull(device);
      expect(whole.pages).toHaveLength(1);
      for (const limit of [1, 2, 5]) expect((await pull(device, 0, limit)).changes).toEqual(whole.changes);
      // One change per shared row, visible or not: both see the same seqs (each one's own
      // membership of the event, an `event` change at their own seq, aside).
      const shared = (changes: typeof whole.changes) => changes.filter((c) => c.kind !== 'event').map((c) => c.seq);
      expect(shared(whole.changes)).toEqual(shared((await pull(alicePhone)).changes));
    }
  });
});
