import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { GroupCommitter, groupCommitterOf } from '../../server/push/group-commit.js';
import { pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { annotationDelete, annotationEdit, annotationPut, appliedAnnotation, PUSH_CORPUS } from './push-fixtures.js';
import type { PushResult } from '../../shared/protocol/push.js';
import type { ContributionId } from '../../shared/model/entities.js';
import type { Annotation } from '../../shared/model/annotations.js';

describe.each<Backend>(['pglite', 'postgres'])('group commit on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    expect((await importLines(server.db, PUSH_CORPUS)).rejected).toEqual([]);
  });
  afterAll(() => server?.close());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await server.db.query<{ n: string | number }>(sql, params))[0]!.n);

  it('applies many concurrent pushes in fewer transactions, each push in its own order', async () => {
    const devices = await Promise.all(
      Array.from({ length: 12 }, (_, i) => server.signIn({ id: `writer-${i}`, name: `Writer ${i}` })),
    );
    // Each push creates a note and edits it four times: only in order can every edit apply.
    const pushes = devices.map((device, i) => {
      const put = annotationPut({ note: `note of ${i}` });
      const batch: Mutation[] = [put];
      for (let v = 1; v <= 4; v++) batch.push(annotationEdit(put, { note: `note of ${i}, edit ${v}` }, v));
      return { device, batch };
    });
    const committer = groupCommitterOf(server.db);
    const stats = { ...committer.stats };
    // The first transaction waits until every push has arrived (on PGlite requests otherwise trickle in
    // one by one, each query waiting for the running transaction): they then share transactions.
    const original = server.db.transaction;
    server.db.transaction = async (fn) => {
      server.db.transaction = original;
      await vi.waitFor(() => expect(committer.waiting).toBe(12), { timeout: 20_000 });
      return original(fn);
    };
    const results = await Promise.all(pushes.map(({ device, batch }) => pushMutations(device, batch)));
    const after = committer.stats;
    results.forEach((answers, i) => {
      expect(answers.map((r) => r.status)).toEqual(Array(5).fill('applied'));
      expect(appliedAnnotation(answers[4])).toMatchObject({ version: 5, note: `note of ${i}, edit 4` });
    });
    expect(after.groups - stats.groups).toBe(12);
    // 60 mutations: one transaction (at most 200 each).
    expect(after.transactions - stats.transactions).toBe(1);
    const ids = pushes.flatMap(({ batch }) => batch.map((m) => m.id));
    expect(await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ANY($1::uuid[])', [ids])).toBe(
      60,
    );
  });

  it('rolls back a group that fails alone, commits the others of its transaction, and answers each its own', async () => {
    const committer = new GroupCommitter(server.db);
    const alice = (await server.signIn({ id: 'alice', name: 'Alice' })).participant;
    const [first, good, afterBad, last] = [annotationPut(), annotationPut(), annotationPut(), annotationPut()];
    // A mutation its store cannot handle throws inside the transaction.
    const broken = { ...annotationPut(), kind: 'no-such-kind' } as unknown as Mutation;
    const running = committer.apply(alice, [first]);
    // These three arrive before the first transaction has the write lock: all four share it.
    const failing = committer.apply(alice, [afterBad, broken]);
    const others = [committer.apply(alice, [good]), committer.apply(alice, [last])];
    await running;
    await expect(failing).rejects.toThrow();
    for (const done of await Promise.all(others)) expect(done[0]!.applied.result.status).toBe('applied');
    expect(committer.stats).toEqual({ transactions: 1, groups: 4 });
    const rows = (m: Mutation) =>
      count('SELECT COUNT(*) AS n FROM annotations WHERE id = $1', [
        (m as Extract<Mutation, { kind: 'annotation-put' }>).annotation.id,
      ]);
    expect([await rows(first), await rows(good), await rows(last)]).toEqual([1, 1, 1]);
    // Nothing of the failed group stands: neither its write nor its record.
    expect(await rows(afterBad)).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = $1', [afterBad.id])).toBe(0);
  });

  it('answers a batch of note writes, read ahead in two queries, exactly as one write at a time', async () => {
    const alice = await server.signIn({ id: 'reader-alice', name: 'Alice' });
    const bob = await server.signIn({ id: 'reader-bob', name: 'Bob' });
    // The same story twice, with fresh ids: once in one push (one group, read ahead), once a push per write.
    const story = async () => {
      const bobs = annotationPut({ note: 'Bob’s own' });
      expect((await pushMutations(bob, [bobs]))[0]!.status).toBe('applied');
      const note = annotationPut({ note: 'first' });
      const other = annotationPut({ note: 'second' });
      return [
        note,
        annotationEdit(note, { note: 'first, edited' }, 1),
        annotationEdit(note, { note: 'first, edited on a stale version' }, 1), // conflict: it is at 2
        annotationDelete(note.kind === 'annotation-put' ? note.annotation.id : '', 2),
        annotationEdit(note, { note: 'kept after its deletion' }, 3), // restores the tombstone
        other,
        annotationEdit(other, { note: 'second, edited' }, 1),
        annotationPut({
          target: {
            ...(other as Extract<Mutation, { kind: 'annotation-put' }>).annotation.target,
            contributionId: 'c2' as ContributionId,
            language: 'fr',
          },
        }), // c2 has no French
        annotationPut({
          target: {
            ...(other as Extract<Mutation, { kind: 'annotation-put' }>).annotation.target,
            contributionId: 'c9' as ContributionId,
          },
        }), // no such contribution
        annotationEdit(bobs, { note: 'not Alice’s to edit' }, 1),
        annotationDelete(crypto.randomUUID(), 1), // no such note
      ];
    };
    const summary = (results: PushResult[]) =>
      results.map((r) => {
        if (r.status === 'rejected')
          return {
            status: r.status,
            reason: r.reason,
            message: r.message.replace(/c9|c2/, 'c').replace(/"[^"]*"/, 'an id'),
          };
        const a =
          r.status === 'applied'
            ? appliedAnnotation(r)
            : (r.current as { annotation: Record<string, unknown> }).annotation;
        return { status: r.status, version: a.version, note: a.note, deleted: a.deleted };
      });
    // The statements the writes run, to see that the batch read ahead.
    const statements: string[] = [];
    const original = server.db.transaction;
    server.db.transaction = (fn) =>
      original((tx) => fn({ query: (sql, params) => (statements.push(sql), tx.query(sql, params)) }));
    const oneRowReads = () => statements.filter((sql) => /FROM annotations WHERE id = \$1/.test(sql)).length;
    const batch = await story();
    statements.length = 0;
    const batched = await pushMutations(alice, batch);
    expect(oneRowReads()).toBe(0);
    const singles = await story();
    const oneByOne: PushResult[] = [];
    statements.length = 0;
    for (const m of singles) oneByOne.push(...(await pushMutations(alice, [m])));
    expect(oneRowReads()).toBeGreaterThan(0);
    server.db.transaction = original;
    expect(summary(batched)).toEqual(summary(oneByOne));
    expect(summary(batched).map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'conflict',
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    // Every result recorded, the batch's in one statement: a resend answers the same.
    expect(summary(await pushMutations(alice, batch))).toEqual(summary(batched));
    expect(
      await count('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ANY($1::uuid[])', [
        batch.map((m) => m.id),
      ]),
    ).toBe(batch.length);
  });

  it('writes the edits of a batch of different notes in one statement, answering as one write at a time', async () => {
    const alice = await server.signIn({ id: 'batch-alice', name: 'Alice' });
    const bob = await server.signIn({ id: 'batch-bob', name: 'Bob' });
    type Put = Extract<Mutation, { kind: 'annotation-put' }>;
    const story = async () => {
      const bobs = annotationPut({ note: 'Bob’s own' }) as Put;
      const [edited, stale, unchanged, moved, deleted] = Array.from(
        { length: 5 },
        (_, i) => annotationPut({ note: `note ${i}` }) as Put,
      );
      expect((await pushMutations(bob, [bobs]))[0]!.status).toBe('applied');
      for (const m of [edited!, stale!, unchanged!, moved!, deleted!])
        expect((await pushMutations(alice, [m]))[0]!.status).toBe('applied');
      expect((await pushMutations(alice, [annotationDelete(deleted!.annotation.id, 1)]))[0]!.status).toBe('applied');
      return [
        annotationEdit(edited!, { note: 'note 0, edited' }, 1),
        annotationPut({ note: 'a new note' }),
        annotationEdit(stale!, { note: 'made on a version it no longer has' }, 7),
        annotationEdit(unchanged!, {}, 1), // the same note again: applied, unchanged
        annotationEdit(bobs, { note: 'not Alice’s' }, 1),
        annotationEdit(
          moved!,
          { target: { ...moved!.annotation.target, contributionId: 'c2' as ContributionId, language: 'fr' } },
          1,
        ),
        annotationEdit(deleted!, { note: 'kept after its deletion' }, 2),
      ];
    };
    const summary = (results: PushResult[]) =>
      results.map((r) =>
        r.status === 'rejected'
          ? { status: r.status, reason: r.reason }
          : (({ version, note, deleted }) => ({ status: r.status, version, note, deleted }))(
              r.status === 'applied' ? appliedAnnotation(r) : (r.current as { annotation: Annotation }).annotation,
            ),
      );
    const updates: string[] = [];
    const original = server.db.transaction;
    server.db.transaction = (fn) =>
      original((tx) =>
        fn({
          query: (sql, params) => {
            if (/^\s*UPDATE annotations/.test(sql)) updates.push(sql);
            return tx.query(sql, params);
          },
        }),
      );
    try {
      const batch = await story();
      updates.length = 0;
      const batched = await pushMutations(alice, batch);
      expect(updates).toHaveLength(1);
      const oneByOne: PushResult[] = [];
      for (const m of await story()) oneByOne.push(...(await pushMutations(alice, [m])));
      expect(summary(batched)).toEqual(summary(oneByOne));
      expect(summary(batched)).toEqual([
        { status: 'applied', version: 2, note: 'note 0, edited', deleted: false },
        { status: 'applied', version: 1, note: 'a new note', deleted: false },
        { status: 'conflict', version: 1, note: 'note 1', deleted: false },
        { status: 'applied', version: 1, note: 'note 2', deleted: false },
        { status: 'rejected', reason: 'forbidden' },
        { status: 'rejected', reason: 'validation-failed' },
        { status: 'applied', version: 3, note: 'kept after its deletion', deleted: false },
      ]);
      // Each edit took a seq of its own, after everything before the batch.
      const seqs = await server.db.query<{ seq: number }>('SELECT seq FROM annotations WHERE id = ANY($1::text[])', [
        batch.flatMap((m) => (m.kind === 'annotation-put' ? [m.annotation.id] : [])),
      ]);
      expect(new Set(seqs.map((r) => Number(r.seq))).size).toBe(seqs.length);
    } finally {
      server.db.transaction = original;
    }
  });
});
