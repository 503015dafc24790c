import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mutationSchema } from '../../shared/protocol/mutations.js';
import type { Change } from '../../shared/protocol/pull.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { legacyEventTx } from '../../server/events/event-store.js';
import { currentHead, writeTransaction } from '../../server/db/database.js';
import { pullChanges, pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { PUSH_CORPUS, annotationPut, appliedAnnotation, appliedReadState, readState } from './push-fixtures.js';

const AT = '2024-05-01T10:00:00.000Z';

describe.each<Backend>(['pglite', 'postgres'])('read state on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Device = Awaited<ReturnType<typeof server.signIn>>;
  let alice: Device;
  let alicePhone: Device;
  let bob: Device;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    const more = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map((id) =>
      JSON.stringify({ ...JSON.parse(PUSH_CORPUS[2]!), id }),
    );
    expect((await importLines(server.db, [...PUSH_CORPUS, ...more])).rejected).toEqual([]);
    alice = await server.signIn({ id: 'alice', name: 'Alice' });
    alicePhone = await server.signIn({ id: 'alice', name: 'Alice' });
    bob = await server.signIn({ id: 'bob', name: 'Bob' });
    // The seminar's one event exists before the checkpoints below (a first note would make it, with its own changes).
    await writeTransaction(server.db, legacyEventTx);
  });
  afterAll(() => server?.close());

  const readStates = (changes: Change[]) => changes.filter((c) => c.kind === 'read-state');

  it("reaches the participant's other devices and no one else, whatever the page size", async () => {
    const at = '2031-01-02T03:04:05.000Z';
    const [result] = await pushMutations(alice, [readState('c1', { read: true, starred: true }, at)]);
    const record = appliedReadState(result);
    expect(record).toEqual({ contributionId: 'c1', read: true, starred: true, updatedAt: at, version: 1 });
    expect(readStates((await pullChanges(alicePhone)).changes)).toEqual([
      { seq: expect.any(Number), kind: 'read-state', record },
    ]);
    for (const limit of [1, 3, 1000]) {
      const seen = await pullChanges(bob, 0, limit);
      expect(readStates(seen.changes)).toEqual([]);
      expect(seen.raw).not.toContain('2031-01-02');
    }
  });

  it('keeps the last write in server order; the device clock is data, never the judge', async () => {
    const [laptop] = await pushMutations(alice, [readState('c2', { read: true }, '2024-06-02T00:00:00.000Z')]);
    // Sent later from a phone whose clock is behind: it still wins.
    const [phone] = await pushMutations(alicePhone, [readState('c2', { read: false }, '2024-06-01T00:00:00.000Z')]);
    expect(appliedReadState(phone)).toEqual({
      contributionId: 'c2',
      read: false,
      starred: false,
      updatedAt: '2024-06-01T00:00:00.000Z',
      version: appliedReadState(laptop).version + 1,
    });
    expect(readStates((await pullChanges(alice)).changes).filter((c) => c.record.contributionId === 'c2')).toEqual([
      { seq: expect.any(Number), kind: 'read-state', record: appliedReadState(phone) },
    ]);

    // A write that changes no flag changes nothing and takes no seq.
    const head = await currentHead(server.db);
    const [same] = await pushMutations(alice, [readState('c2', { read: false }, '2024-06-03T00:00:00.000Z')]);
    expect(appliedReadState(same)).toEqual(appliedReadState(phone));
    expect(await currentHead(server.db)).toBe(head);

    const [unknown] = await pushMutations(alice, [readState('nope', { read: true })]);
    expect(unknown).toMatchObject({ status: 'rejected', reason: 'not-found' });
  });

  it('changes only the flags a write names, so a star and a read mark sent from two devices at once both stay', async () => {
    const mark = (flags: { read?: boolean; starred?: boolean }) =>
      mutationSchema.parse({ id: randomUUID(), kind: 'read-state', contributionId: 'r7', ...flags, updatedAt: AT });
    // Each device saw neither flag set; the phone's write, sent last, names only the flag it changed.
    await pushMutations(alice, [mark({ starred: true })]);
    const [phone] = await pushMutations(alicePhone, [mark({ read: true })]);
    expect(appliedReadState(phone)).toMatchObject({ read: true, starred: true });
    const [unstar] = await pushMutations(alice, [mark({ starred: false })]);
    expect(appliedReadState(unstar)).toMatchObject({ read: true, starred: false });

    const [none] = await pushMutations(alice, [mark({})]);
    expect(none).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
  });

  it("leaves another's read states out of a page, its remaining count and its head, and pulls on past them", async () => {
    const bobStart = (await pullChanges(bob)).checkpoint;
    const aliceStart = (await pullChanges(alice)).checkpoint;
    // One row, so one change, per contribution: the last state of each.
    const before = ['r1', 'r2', 'r3'].map((id) => readState(id, { read: true }));
    const after = ['r4', 'r5', 'r6'].map((id) => readState(id, { read: true, starred: true }));
    await pushMutations(alice, before);
    const [shared] = await pushMutations(alice, [annotationPut({ visibility: 'seminar', note: 'seen by all' })]);
    const sharedSeq = (await pullChanges(bob, bobStart)).changes.at(-1)!.seq;
    await pushMutations(alice, after);
    expect(await currentHead(server.db)).toBeGreaterThan(sharedSeq);

    // Bob: one change, and a head he reaches, though the log goes on with Alice's read states.
    const bobs = await pullChanges(bob, bobStart, 1);
    expect(bobs.changes).toEqual([{ seq: sharedSeq, kind: 'annotation', record: appliedAnnotation(shared) }]);
    expect(bobs.pages.at(-1)).toMatchObject({ checkpoint: sharedSeq, head: sharedSeq, remaining: 0, hasMore: false });
    const again = await pullChanges(bob, bobs.checkpoint, 1);
    expect(again.pages).toEqual([expect.objectContaining({ checkpoint: sharedSeq, changes: [], hasMore: false })]);

    // Alice: every change, one page each, with an exact remaining count.
    const alices = await pullChanges(alice, aliceStart, 1);
    expect(alices.changes.map((c) => (c.kind === 'read-state' ? c.record.contributionId : c.kind))).toEqual([
      'r1',
      'r2',
      'r3',
      'annotation',
      'r4',
      'r5',
      'r6',
    ]);
    expect(alices.pages.map((p) => p.remaining)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(alices.pages.at(-1)).toMatchObject({ checkpoint: await currentHead(server.db), hasMore: false });
    expect((await pullChanges(alice, aliceStart)).changes).toEqual(alices.changes);
  });

  it("tells another participant's event stream nothing of a read state", async () => {
    const res = await bob.get('/api/events');
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: RegExp) => {
      while (!needle.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    try {
      await readUntil(/event: hello\n/);
      const bobsHead = (await pullChanges(bob)).pages.at(-1)!.head;
      expect(text).toContain(`"head":${bobsHead},`);
      await pushMutations(alice, [readState('c1', { read: true, starred: false }), readState('c2', { read: false })]);
      await pushMutations(alice, [annotationPut({ visibility: 'seminar' })]);
      const shared = (await pullChanges(bob, bobsHead)).checkpoint;
      await readUntil(new RegExp(`"head":${shared}\\}`));
      const heads = [...text.matchAll(/event: changes\ndata: \{"head":(\d+)\}/g)].map((m) => Number(m[1]));
      expect(heads).toEqual([shared]);
    } finally {
      await reader.cancel();
    }
  });
});
