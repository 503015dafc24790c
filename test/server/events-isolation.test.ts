import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pullPageSchema, type Change } from '../../shared/protocol/pull.js';
import { writeTransaction } from '../../server/db/database.js';
import { addMemberTx, removeMemberTx } from '../../server/events/event-store.js';
import { createInvitation } from '../../server/auth/invitations.js';
import { pullChanges, pushMutations, startTestServer, type Backend } from '../support/server-harness.js';
import { annotationPut } from './push-fixtures.js';
import { APR, FEB, synthesisWithText, twoEvents } from './event-fixtures.js';

/** Everything of one event that may not leave the server for someone outside it: texts, ids. */
const TRACES: Record<string, string[]> = {
  [FEB]: ['FEBMARK', FEB, 'syn-feb', 'feb-s1'],
  [APR]: ['APRMARK', APR, 'syn-apr', 'apr-s1'],
};
const leaks = (raw: string, event: string) => TRACES[event]!.filter((trace) => raw.includes(trace));

type Device = { get: (path: string) => Promise<Response> };

/** One catch-up of an event to its end, pages checked against the wire schema. */
async function catchUp(device: Device, event: string, until: number) {
  let since = 0;
  let raw = '';
  const changes: Change[] = [];
  for (;;) {
    const res = await device.get(`/api/changes?since=${since}&limit=2&event=${event}&until=${until}`);
    const body = await res.text();
    if (res.status !== 200) return { status: res.status, raw: body, changes };
    raw += body;
    const page = pullPageSchema.parse(JSON.parse(body));
    changes.push(...page.changes);
    since = page.checkpoint;
    if (!page.hasMore) return { status: 200, raw, changes, page };
  }
}

describe.each<Backend>(['pglite', 'postgres'])('event isolation on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    people = await twoEvents(server);
  });
  afterAll(() => server?.close());

  it('gives each participant the corpus and only the events they are in, checked on the wire', async () => {
    const { alice, bob, carol, dave } = people;
    const expected = { alice: [FEB, APR], bob: [FEB], carol: [APR], dave: [] as string[] };
    for (const [name, device] of Object.entries({ alice, bob, carol, dave })) {
      const { raw, changes, pages, checkpoint } = await pullChanges(device, 0, 3);
      const mine = expected[name as keyof typeof expected];
      for (const event of [FEB, APR]) {
        if (mine.includes(event)) expect(leaks(raw, event), `${name} gets ${event}`).not.toEqual([]);
        else expect(leaks(raw, event), `${name} must get nothing of ${event}`).toEqual([]);
      }
      // The corpus is everyone's.
      expect(changes.filter((c) => c.kind === 'contribution')).toHaveLength(2);
      expect([...new Set(changes.flatMap((c) => (c.kind === 'event' ? [c.record.id] : [])))].sort()).toEqual(
        [...mine].sort(),
      );
      // Nothing to come, and the last page ends at the participant's own head.
      expect(pages.at(-1)).toMatchObject({ hasMore: false, remaining: 0, head: checkpoint });
      // Another's private note: an id at most, never its text.
      if (name !== 'bob') expect(raw).not.toContain('bob private');
    }
    // Alice's roles travel per event.
    const { changes } = await pullChanges(alice);
    const roles = Object.fromEntries(
      changes.flatMap((c) => (c.kind === 'event' ? [[c.record.id, c.record.roles]] : [])),
    );
    expect(roles).toEqual({ [FEB]: ['rapporteur'], [APR]: ['delegate'] });
  });

  it('refuses writes into an event the writer is not in, and answers as for one that does not exist', async () => {
    const { bob, alice } = people;
    const results = await pushMutations(bob, [
      annotationPut({ note: 'sneaky', visibility: 'seminar', eventId: APR }),
      ...synthesisWithText('syn-bob', APR, 'sneaky').slice(0, 1),
      synthesisWithText('syn-apr', APR, 'sneaky')[1]!,
    ]);
    expect(results.map((r) => [r.status, r.status === 'rejected' ? r.reason : ''])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'not-found'],
    ]);
    expect(JSON.stringify(results)).not.toContain('APRMARK');
    // Alice is in April as a delegate: she reads its synthesis but does not write it.
    const [update] = await pushMutations(alice, [synthesisWithText('syn-apr', APR, 'x')[1]!]);
    expect(update).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    for (const path of ['/api/syntheses/syn-apr/history', '/api/syntheses/syn-apr/history/999999/state']) {
      const res = await bob.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('APRMARK');
    }
    expect((await alice.get('/api/syntheses/syn-apr/history')).status).toBe(200);
    expect((await bob.get(`/api/changes?since=0&event=${APR}&until=1000`)).status).toBe(404);
    expect((await bob.get(`/api/changes?since=0&event=no-such-event&until=1000`)).status).toBe(404);
  });

  it('takes an event off a removed member’s devices at the next pull and sends them nothing more of it', async () => {
    const { carol, alice } = people;
    const before = await pullChanges(carol);
    await writeTransaction(server.db, (tx) => removeMemberTx(tx, APR, 'carol'));
    await pushMutations(alice, [annotationPut({ note: 'APRMARK after removal', visibility: 'seminar', eventId: APR })]);
    const after = await pullChanges(carol, before.checkpoint);
    expect(after.changes.map((c) => c.kind)).toEqual(['event-left']);
    expect(after.changes[0]).toMatchObject({ id: APR });
    expect(after.raw).not.toContain('APRMARK');
    // Her own notes stay hers; a fresh device of hers gets them and nothing else of April.
    const fresh = await pullChanges(carol);
    expect(fresh.raw).toContain('APRMARK shared note');
    expect(fresh.raw).not.toContain('APRMARK synthesis');
    expect(fresh.raw).not.toContain('APRMARK panel');
    expect(fresh.raw).not.toContain('after removal');
    // Her synthesis is April's: she writes it no more.
    const [write] = await pushMutations(carol, [synthesisWithText('syn-apr', APR, 'late')[1]!]);
    expect(write).toMatchObject({ status: 'rejected', reason: 'not-found' });
  });

  it('brings a late-joined event by a catch-up of what the device lacks, not by pulling everything again', async () => {
    const { dave } = people;
    const first = await pullChanges(dave);
    expect(leaks(first.raw, FEB)).toEqual([]);
    await writeTransaction(server.db, (tx) => addMemberTx(tx, FEB, 'dave', ['expert']));
    const next = await pullChanges(dave, first.checkpoint);
    // The log brings the membership and February's records after the device's checkpoint ...
    expect(next.changes.at(-1)).toMatchObject({ kind: 'event', record: { id: FEB, roles: ['expert'] } });
    expect(next.changes.every((c) => c.seq > first.checkpoint)).toBe(true);
    // ... and a catch-up the ones before it, which the device lacks: together, all of February, once.
    const until = next.pages[0]!.since;
    const caught = await catchUp(dave, FEB, until);
    expect(caught.status).toBe(200);
    expect(caught.changes.length).toBeGreaterThan(0);
    expect(caught.changes.every((c) => c.seq <= until)).toBe(true);
    const raw = next.raw + caught.raw;
    for (const text of ['FEBMARK day', 'FEBMARK synthesis', 'FEBMARK shared note', 'FEBMARK alice shared'])
      expect(raw).toContain(text);
    expect(raw).not.toContain('bob private');
    expect(leaks(raw, APR)).toEqual([]);
    // Nothing of the corpus again.
    expect(caught.changes.some((c) => c.kind === 'contribution' || c.kind === 'question')).toBe(false);
    expect(caught.page).toMatchObject({ hasMore: false, remaining: 0 });
  });

  it('signs one device out of one event; an invitation to that event brings it back to that device', async () => {
    await server.signIn({ id: 'alice', name: 'Alice', roles: ['rapporteur', 'delegate'], events: [] });
    const laptop = people.alice;
    const phone = await server.signIn({ id: 'alice', name: 'Alice', roles: ['rapporteur', 'delegate'], events: [] });
    const start = await pullChanges(phone);
    const left = await phone.post('/api/auth/leave-event', { eventId: APR });
    expect(left.status).toBe(200);
    expect((await phone.post('/api/auth/leave-event', { eventId: APR })).status).toBe(404);
    const after = await pullChanges(phone, start.checkpoint);
    expect(after.changes.map((c) => c.kind)).toEqual(['event-left']);
    const fresh = await pullChanges(phone);
    expect(fresh.raw).not.toContain('APRMARK synthesis');
    expect(fresh.raw).not.toContain('APRMARK panel');
    // The laptop keeps April.
    expect((await pullChanges(laptop)).raw).toContain('APRMARK synthesis');
    // Someone else's code does nothing here; Alice's own brings April back.
    const bobs = await createInvitation(server.db, 'bob', 1, FEB);
    expect((await phone.post('/api/auth/join-event', { code: bobs.code })).status).toBe(401);
    const hers = await createInvitation(server.db, 'alice', 1, APR);
    const joined = await phone.post('/api/auth/join-event', { code: hers.code });
    expect(await joined.json()).toEqual({ eventId: APR });
    const back = await pullChanges(phone, fresh.checkpoint);
    expect(back.changes.filter((c) => c.kind === 'event').map((c) => c.record.id)).toContain(APR);
    expect((await catchUp(phone, APR, back.pages[0]!.since)).raw).toContain('APRMARK synthesis');
    expect((await phone.post('/api/auth/join-event', { code: hers.code })).status).toBe(401);
  });
});
