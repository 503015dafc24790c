import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Change } from '../../shared/protocol/pull.js';
import { PUSH_LIMITS, pushResponseSchema, type PushResult } from '../../shared/protocol/push.js';
import { LIMITS } from '../../shared/protocol/schemas.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { GroupCommitter, groupCommitterOf } from '../../server/push/group-commit.js';
import { currentHead, type Queryable } from '../../server/db/database.js';
import { pullChanges, pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import {
  PUSH_CORPUS,
  annotationDelete,
  annotationEdit,
  annotationPut,
  appliedAnnotation,
  appliedReadState,
  appliedTag,
  readState,
  tagPropose,
} from './push-fixtures.js';

describe.each<Backend>(['pglite', 'postgres'])('push on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Device = Awaited<ReturnType<typeof server.signIn>>;
  let alice: Device;
  let alicePhone: Device;
  let bob: Device;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    expect((await importLines(server.db, PUSH_CORPUS)).rejected).toEqual([]);
    alice = await server.signIn({ id: 'alice', name: 'Alice' });
    alicePhone = await server.signIn({ id: 'alice', name: 'Alice' });
    bob = await server.signIn({ id: 'bob', name: 'Bob' });
  });
  afterAll(() => server?.close());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await server.db.query<{ n: string | number }>(sql, params))[0]!.n);
  const recorded = (mutations: { id: string }[]) =>
    count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ANY($1::uuid[])', [
      mutations.map((m) => m.id),
    ]);
  const annotationRows = (id: string) => count('SELECT COUNT(*) AS n FROM annotations WHERE id = $1', [id]);
  const about = (changes: Change[], id: string) =>
    changes.filter(
      (c) => (c.kind === 'annotation' && c.record.id === id) || (c.kind === 'annotation-hidden' && c.id === id),
    );
  /**
   * Holds the write transactions for which `held(n)` is true (n counts every
   * transaction started) until release(), to order requests deterministically.
   */
  const holdWrites = (held: (n: number) => boolean = () => true) => {
    const original = server.db.transaction;
    let started = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    server.db.transaction = async <T>(fn: (tx: Queryable) => Promise<T>) => {
      if (held(++started)) await released;
      return original(fn);
    };
    return {
      release,
      started: (n: number) => vi.waitFor(() => expect(started).toBeGreaterThanOrEqual(n)),
      restore: () => {
        release(); // a failed test must not leave the committer waiting forever
        server.db.transaction = original;
      },
    };
  };
  const annotationId = (m: Mutation) => {
    if (m.kind !== 'annotation-put') throw new Error('not an annotation-put');
    return m.annotation.id;
  };

  it('applies creations, edits, deletions, proposals and read states in order; each reaches the right pulls', async () => {
    const before = await pullChanges(bob);
    const secret = annotationPut({ note: 'alice-only' });
    const shared = annotationPut({ note: 'for everyone', visibility: 'seminar' });
    const batch = [
      secret,
      shared,
      annotationEdit(shared, { note: 'for everyone, edited', tags: ['hack-back' as never] }, 1),
      tagPropose('hack-back', 'Hack-back'),
      readState('c1', { read: true, starred: true }),
    ];
    const results = await pushMutations(alice, batch);
    expect(results.map((r) => [r.mutationId, r.status])).toEqual(batch.map((m) => [m.id, 'applied']));
    expect(appliedAnnotation(results[0])).toMatchObject({ authorId: 'alice', note: 'alice-only', version: 1 });
    const edited = appliedAnnotation(results[2]);
    expect(edited).toMatchObject({ id: annotationId(shared), note: 'for everyone, edited', version: 2 });
    expect(appliedTag(results[3])).toMatchObject({ id: 'hack-back', status: 'proposed', proposedBy: 'alice' });
    expect(results[4]).toMatchObject({
      status: 'applied',
      record: {
        kind: 'read-state',
        readState: { contributionId: 'c1', read: true, starred: true, updatedAt: '2024-05-01T10:00:00.000Z' },
      },
    });

    const [deletion] = await pushMutations(alice, [annotationDelete(annotationId(secret), 1)]);
    const deleted = appliedAnnotation(deletion);
    expect(deleted).toMatchObject({ deleted: true, note: 'alice-only', version: 2 });

    // Alice's other device gets everything, her private note and read state included.
    const phone = await pullChanges(alicePhone);
    expect(about(phone.changes, deleted.id).at(-1)).toMatchObject({ kind: 'annotation', record: deleted });
    expect(about(phone.changes, edited.id).at(-1)).toMatchObject({ kind: 'annotation', record: edited });
    expect(phone.changes).toContainEqual({ seq: expect.any(Number), kind: 'tag', record: appliedTag(results[3]) });
    expect(phone.changes.filter((c) => c.kind === 'read-state')).toEqual([
      { seq: expect.any(Number), kind: 'read-state', record: appliedReadState(results[4]) },
    ]);

    // Bob gets the seminar note and the proposal, only the id of the private one, and no read state.
    const seen = await pullChanges(bob, before.checkpoint);
    expect(about(seen.changes, edited.id)).toEqual([{ seq: expect.any(Number), kind: 'annotation', record: edited }]);
    expect(about(seen.changes, deleted.id)).toEqual([
      { seq: expect.any(Number), kind: 'annotation-hidden', id: deleted.id },
    ]);
    expect(seen.changes.some((c) => c.kind === 'tag' && c.record.id === 'hack-back')).toBe(true);
    expect(seen.changes.some((c) => c.kind === 'read-state')).toBe(false);
    expect(seen.raw).not.toContain('alice-only');
  });

  it('answers a resent batch with the same results, taking no seq and writing no row', async () => {
    const put = annotationPut({ note: 'sent twice', visibility: 'seminar' });
    const batch = [
      put,
      annotationEdit(put, { note: 'sent twice, edited' }, 1),
      tagPropose('resent-tag'),
      readState('c2', { read: true }),
      annotationDelete(randomUUID(), 1),
    ];
    const first = await pushMutations(alice, batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'rejected']);
    const head = await currentHead(server.db);

    // From the other device too: the results belong to the participant.
    for (const device of [alice, alicePhone]) expect(await pushMutations(device, batch)).toEqual(first);
    expect(await currentHead(server.db)).toBe(head);
    expect(await annotationRows(annotationId(put))).toBe(1);
    expect(await recorded(batch)).toBe(batch.length);
  });

  it('answers the resent part of a batch as before and applies the new part', async () => {
    const put = annotationPut({ note: 'part one' });
    const [first] = await pushMutations(alice, [put]);
    const head = await currentHead(server.db);
    const edit = annotationEdit(put, { note: 'part two' }, 1);
    const results = await pushMutations(alice, [put, edit]);
    expect(results[0]).toEqual(first);
    expect(appliedAnnotation(results[1])).toMatchObject({ note: 'part two', version: 2 });
    expect(await currentHead(server.db)).toBe(head + 1);
    // The same new id twice in one batch: applied once, answered twice.
    const twice = annotationEdit(put, { note: 'part three' }, 2);
    const [once, again] = await pushMutations(alice, [twice, twice]);
    expect(again).toEqual(once);
    expect(appliedAnnotation(once)).toMatchObject({ note: 'part three', version: 3 });
    expect(await currentHead(server.db)).toBe(head + 2);
  });

  it('applies a batch whose response was lost exactly once, and answers the resend with the same results', async () => {
    const batch = [annotationPut({ note: 'lost response' }), readState('c1', { read: false, starred: true })];
    const body = JSON.stringify({ mutations: batch });
    // The connection drops while the server applies the batch: it commits, and its answer goes nowhere.
    const hold = holdWrites();
    try {
      const req = request(`${server.url}/api/push`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${alice.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('error', () => undefined);
      req.on('response', () => expect.fail('the response was not supposed to arrive'));
      req.end(body);
      await hold.started(1);
      const closed = new Promise((resolve) => req.once('close', resolve));
      req.destroy();
      await closed;
      hold.release();
      await vi.waitFor(async () => expect(await recorded(batch)).toBe(2), { timeout: 10_000 });
    } finally {
      hold.restore();
    }
    const head = await currentHead(server.db);

    const resent = await pushMutations(alice, batch);
    expect(resent.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(appliedAnnotation(resent[0])).toMatchObject({ note: 'lost response', version: 1 });
    expect(await currentHead(server.db)).toBe(head);
    expect(await annotationRows(annotationId(batch[0]!))).toBe(1);
    // A response that arrived but was never read: the same again.
    const res = await alice.post('/api/push', { mutations: batch });
    expect(res.status).toBe(200);
    await res.body?.cancel();
    expect(await pushMutations(alice, batch)).toEqual(resent);
  });

  it('answers a stale edit with a conflict carrying the current record, and a resend with that same conflict', async () => {
    const put = annotationPut({ note: 'v1' });
    await pushMutations(alice, [put]);
    const [laptop] = await pushMutations(alice, [annotationEdit(put, { note: 'laptop' }, 1)]);
    const fromPhone = annotationEdit(put, { note: 'phone' }, 1);
    const [conflict] = await pushMutations(alicePhone, [fromPhone]);
    expect(conflict).toEqual({
      mutationId: fromPhone.id,
      status: 'conflict',
      current: { kind: 'annotation', annotation: appliedAnnotation(laptop) },
    });
    await pushMutations(alice, [annotationEdit(put, { note: 'laptop again' }, 2)]);
    expect(await pushMutations(alicePhone, [fromPhone])).toEqual([conflict]);
  });

  it('rejects what can never apply with its reason, records it, and answers a resend the same', async () => {
    const [alicesNote] = await pushMutations(alice, [annotationPut({ visibility: 'seminar', note: 'mine' })]);
    const mine = appliedAnnotation(alicesNote);
    const head = await currentHead(server.db);
    const batch = [
      annotationPut({ id: mine.id, note: 'hijacked' }, mine.version),
      annotationDelete(mine.id, mine.version),
      annotationPut({ target: { ...mine.target, contributionId: 'c9' as never } }),
      readState('c9', { read: true }),
      annotationDelete(randomUUID(), 1),
    ];
    const results = await pushMutations(bob, batch);
    expect(results).toEqual([
      { mutationId: batch[0]!.id, status: 'rejected', reason: 'forbidden', message: expect.any(String) },
      { mutationId: batch[1]!.id, status: 'rejected', reason: 'forbidden', message: expect.any(String) },
      {
        mutationId: batch[2]!.id,
        status: 'rejected',
        reason: 'validation-failed',
        message: expect.stringMatching(/unknown contribution "c9"/),
      },
      {
        mutationId: batch[3]!.id,
        status: 'rejected',
        reason: 'not-found',
        message: expect.stringMatching(/unknown contribution "c9"/),
      },
      { mutationId: batch[4]!.id, status: 'rejected', reason: 'not-found', message: expect.any(String) },
    ]);
    expect(await currentHead(server.db)).toBe(head);
    expect(await recorded(batch)).toBe(batch.length);

    // Recorded: even once c9 exists, the resend answers what the mutation got.
    const c9 = JSON.parse(PUSH_CORPUS[2]!) as Record<string, unknown>;
    await importLines(server.db, [JSON.stringify({ ...c9, id: 'c9' })]);
    expect(await pushMutations(bob, batch)).toEqual(results);
    expect((await pullChanges(alicePhone)).changes).toContainEqual(
      expect.objectContaining({ kind: 'annotation', record: mine }),
    );
  });

  it('answers forbidden to a mutation id another participant used, and tells nothing of it', async () => {
    const put = annotationPut({ note: 'alice wrote this' });
    const [original] = await pushMutations(alice, [put]);
    const head = await currentHead(server.db);
    const sameId = { ...annotationPut({ note: 'bob wrote this' }), id: put.id };
    for (const mutation of [put, sameId, { ...readState('c1', { read: true }), id: put.id }]) {
      const res = await bob.post('/api/push', { mutations: [mutation] });
      const raw = await res.text();
      expect(pushResponseSchema.parse(JSON.parse(raw)).results).toEqual([
        { mutationId: put.id, status: 'rejected', reason: 'forbidden', message: expect.any(String) },
      ]);
      expect(raw).not.toContain('alice');
    }
    expect(await currentHead(server.db)).toBe(head);
    expect(await pushMutations(alice, [put])).toEqual([original]);
    // The owner reusing an id for another kind of mutation gets no unrelated record.
    expect(await pushMutations(alice, [{ ...tagPropose('reused-id'), id: put.id }])).toEqual([
      { mutationId: put.id, status: 'rejected', reason: 'validation-failed', message: expect.stringMatching(/used/) },
    ]);
  });

  it('applies a mutation sent on two connections at once exactly once', async () => {
    for (let round = 0; round < 3; round++) {
      const batch = [annotationPut({ note: `raced ${round}` }), annotationPut({ note: `raced too ${round}` })];
      const head = await currentHead(server.db);
      const [laptop, phone] = await Promise.all([pushMutations(alice, batch), pushMutations(alicePhone, batch)]);
      expect(phone).toEqual(laptop);
      expect(laptop.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(await annotationRows(annotationId(batch[0]!))).toBe(1);
      expect(await currentHead(server.db)).toBe(head + 2);
    }
  });

  it('answers the recorded result when another request records the id first', async () => {
    // Both requests wait for the write lock; they then share one transaction (group-commit.ts), in which
    // the second finds the id the first recorded.
    const hold = holdWrites();
    try {
      const batch = [annotationPut({ note: 'raced through the key' })];
      const head = await currentHead(server.db);
      const both = Promise.all([pushMutations(alice, batch), pushMutations(alicePhone, batch)]);
      await hold.started(1);
      await vi.waitFor(() => expect(groupCommitterOf(server.db).waiting).toBe(2));
      hold.release();
      const [laptop, phone] = await both;
      expect(phone).toEqual(laptop);
      expect(appliedAnnotation(laptop[0])).toMatchObject({ version: 1 });
      expect(await currentHead(server.db)).toBe(head + 1);
      expect(await recorded(batch)).toBe(1);
    } finally {
      hold.restore();
    }
  });

  it('settles an id recorded meanwhile by another request inside a group, and applies the rest of the group', async () => {
    const [before, raced, after] = [annotationPut(), annotationPut({ note: 'raced' }), annotationPut()];
    const head = await currentHead(server.db);
    const hold = holdWrites((n) => n === 1);
    try {
      // The phone's batch has looked its ids up and waits; meanwhile another server instance on the
      // same database (its own committer: pushes on one instance share transactions) records the middle one.
      const phone = pushMutations(alicePhone, [before, raced, after]);
      await hold.started(1);
      const [laptop] = await new GroupCommitter(server.db).apply(alice.participant, [raced]);
      hold.release();
      const results = await phone;
      expect(results[1]).toEqual({ mutationId: raced.id, ...laptop!.applied.result });
      expect([results[0], results[2]].map((r) => appliedAnnotation(r).version)).toEqual([1, 1]);
    } finally {
      hold.restore();
    }
    // The rolled-back group took seqs too (a sequence never gives them back): only the rows count.
    expect(await currentHead(server.db)).toBeGreaterThanOrEqual(head + 3);
    for (const m of [before, raced, after]) expect(await annotationRows(annotationId(m))).toBe(1);
    expect(await recorded([before, raced, after])).toBe(3);
  });

  it('answers an id that an earlier request recorded in the same shared transaction with that record', async () => {
    const hold = holdWrites((n) => n === 1);
    try {
      const batch = [annotationPut({ note: 'twice in one transaction' })];
      const head = await currentHead(server.db);
      // All three wait for the write lock, then share one transaction.
      const first = pushMutations(bob, [annotationPut({ note: 'holding the lock' })]);
      await hold.started(1);
      const both = Promise.all([pushMutations(alice, batch), pushMutations(alicePhone, batch)]);
      await vi.waitFor(() => expect(groupCommitterOf(server.db).waiting).toBe(3));
      const before = groupCommitterOf(server.db).stats.transactions;
      hold.release();
      await first;
      const [laptop, phone] = await both;
      expect(groupCommitterOf(server.db).stats.transactions).toBe(before + 1);
      expect(phone).toEqual(laptop);
      expect(appliedAnnotation(laptop[0])).toMatchObject({ version: 1 });
      expect(await currentHead(server.db)).toBe(head + 2);
      expect(await recorded(batch)).toBe(1);
    } finally {
      hold.restore();
    }
  });

  it('answers a mutation that fails its schema on its own and applies the others', async () => {
    const good = [annotationPut({ note: 'before' }), annotationPut({ note: 'after' })];
    const base = annotationPut() as PutMutation;
    const tooLong = { ...base, annotation: { ...base.annotation, note: 'x'.repeat(LIMITS.noteLength + 1) } };
    const unknownKind = { id: randomUUID(), kind: 'synthesis-put', text: 'from a newer client' };
    const res = await alice.post('/api/push', { mutations: [good[0], tooLong, unknownKind, good[1]] });
    expect(res.status).toBe(200);
    const { results } = pushResponseSchema.parse(await res.json());
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ mutationId: tooLong.id, reason: 'validation-failed' });
    expect((results[1] as RejectedResult).message).toMatch(/annotation\.note/);
    expect(results[2]).toMatchObject({ mutationId: unknownKind.id, reason: 'validation-failed' });
    // Not recorded: a server that learns to accept them applies them then.
    expect(await recorded([tooLong, unknownKind])).toBe(0);
    expect(await recorded(good)).toBe(2);
  });

  it('refuses requests that are not a push, with a code and a clear message, and applies nothing', async () => {
    const head = await currentHead(server.db);
    const refused = async (res: Response, status: number, code: string, message?: RegExp) => {
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
    };
    const one = annotationPut();
    await refused(await fetch(`${server.url}/api/push`, { method: 'POST' }), 401, 'unauthorized');
    await refused(await alice.post('/api/push', '{"mutations": ['), 400, 'malformed-json');
    await refused(await alice.post('/api/push', { mutations: [] }), 400, 'validation-failed', /at least one/);
    await refused(await alice.post('/api/push', [one]), 400, 'validation-failed');
    await refused(await alice.post('/api/push', { mutations: [one], extra: 1 }), 400, 'validation-failed', /extra/);
    await refused(
      await alice.post('/api/push', { mutations: [{ ...one, id: 'not-a-uuid' }] }),
      400,
      'validation-failed',
      /mutations\.0\.id/,
    );
    const tooMany = Array.from({ length: PUSH_LIMITS.batch + 1 }, () => readState('c1', { read: true }));
    await refused(await alice.post('/api/push', { mutations: tooMany }), 400, 'validation-failed', /at most 200/);
    expect(await recorded(tooMany)).toBe(0);
    expect(await currentHead(server.db)).toBe(head);
  });

  it('takes a full batch of long notes, answers an oversized body 413, and reads no body without a token', async () => {
    // 200 notes of the longest length: about 4 MB, over the 1 MB of the other routes.
    const batch = Array.from({ length: PUSH_LIMITS.batch }, (_, i) =>
      annotationPut({ note: `${i} `.padEnd(LIMITS.noteLength, 'n') }),
    );
    expect(Buffer.byteLength(JSON.stringify({ mutations: batch }))).toBeGreaterThan(1024 * 1024);
    const results = await pushMutations(alice, batch);
    expect(results.every((r) => r.status === 'applied')).toBe(true);

    const one = annotationPut() as PutMutation;
    const oversized = JSON.stringify({
      mutations: [{ ...one, annotation: { ...one.annotation, note: 'x'.repeat(PUSH_LIMITS.bodyBytes) } }],
    });
    const big = await alice.post('/api/push', oversized);
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({
      code: 'payload-too-large',
      details: { limit: PUSH_LIMITS.bodyBytes },
    });
    const anonymous = await fetch(`${server.url}/api/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: oversized,
    });
    expect(anonymous.status).toBe(401);
  });
});

type PutMutation = Extract<Mutation, { kind: 'annotation-put' }>;
type RejectedResult = Extract<PushResult, { status: 'rejected' }>;
