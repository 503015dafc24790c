import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { leaveEventOnDevice, pendingLeaves } from '../../../renderer/db/events.js';
import { joinEventOnDevice } from '../../../renderer/features/events/join-event.js';
import { SyncError } from '../../../renderer/sync/errors.js';
import { createInvitation } from '../../../server/auth/invitations.js';
import { writeTransaction } from '../../../server/db/database.js';
import { upsertEventTx } from '../../../server/events/event-store.js';
import { pullChanges, startTestServer } from '../../support/server-harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
  await writeTransaction(server.db, async (tx) => {
    await upsertEventTx(tx, {
      id: 'feb',
      kind: 'seminar',
      title: { en: 'FEBMARK' },
      startsOn: '2017-02-01',
      endsOn: '2017-02-02',
    });
    await upsertEventTx(tx, {
      id: 'apr',
      kind: 'conference',
      title: { en: 'APRMARK' },
      startsOn: '2017-04-06',
      endsOn: '2017-04-07',
    });
  });
});
afterAll(() => server?.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof SyncError ? error.code : String(error)),
  );

describe('adding an event to a signed-in device with an invitation code (issue 18)', () => {
  it('brings back an event the device was signed out of, withdrawing a sign-out not yet sent', async () => {
    const alice = await server.signIn({ id: 'alice', name: 'Alice', events: ['feb', 'apr'] });
    await server.signIn({ id: 'bob', name: 'Bob', events: ['feb'] });
    const db = openSeminarDb(`join-event-${Date.now()}`);
    const connection = { serverUrl: server.url, token: alice.token };
    // This device signed out of April, and the server knows.
    expect((await alice.post('/api/auth/leave-event', { eventId: 'apr' })).status).toBe(200);
    expect((await pullChanges(alice)).raw).not.toContain('APRMARK');
    // Signed out again here, offline, before the join: that one is not sent yet.
    await leaveEventOnDevice(db, 'apr');
    expect(await pendingLeaves(db)).toEqual(['apr']);

    // Someone else's code, or one for an event she is not in, changes nothing.
    const bobs = await createInvitation(server.db, 'bob', 1, 'feb');
    expect(await refusal(joinEventOnDevice(db, connection, bobs.code))).toBe('unauthorized');
    expect(await pendingLeaves(db)).toEqual(['apr']);
    // A server out of reach says so.
    expect(await refusal(joinEventOnDevice(db, { ...connection, serverUrl: 'http://127.0.0.1:9' }, 'x'))).toBe(
      'network',
    );

    // Her own code for April, as typed (lower case, spaces around it).
    const hers = await createInvitation(server.db, 'alice', 1, 'apr');
    expect(await joinEventOnDevice(db, connection, ` ${hers.code.toLowerCase()} `)).toBe('apr');
    expect(await pendingLeaves(db)).toEqual([]);
    expect((await pullChanges(alice)).raw).toContain('APRMARK');
    // Used once.
    expect(await refusal(joinEventOnDevice(db, connection, hers.code))).toBe('unauthorized');
  });
});
