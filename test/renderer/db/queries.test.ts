import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { setRead, toggleStar } from '../../../renderer/db/queries.js';
import { describeStorageError } from '../../../renderer/db/storage.js';

describe('read/star writes', () => {
  it('append an outbox row in the same transaction', async () => {
    const db = openSeminarDb(`q-${Date.now()}`);
    await setRead(db, 'c1' as never, true);
    await toggleStar(db, 'c1' as never);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => o.kind)).toEqual(['read-state', 'read-state']);
    // Each carries only the flag it changed; the row holds both.
    expect(outbox[0]?.mutation).toMatchObject({ contributionId: 'c1', read: true });
    expect(outbox[0]?.mutation).not.toHaveProperty('starred');
    expect(outbox[1]?.mutation).toMatchObject({ contributionId: 'c1', starred: true });
    expect(outbox[1]?.mutation).not.toHaveProperty('read');
    expect(await db.readState.get('c1' as never)).toMatchObject({ read: true, starred: true });
    expect(new Set(outbox.map((o) => o.mutationId)).size).toBe(2);
    // a failing outbox write rolls back the read-state write
    const dup = outbox[0]!.mutationId;
    await expect(
      db.transaction('rw', [db.readState, db.outbox], async () => {
        await db.readState.put({ id: 'c2' as never, read: true, starred: false, updatedAt: '' });
        const mutation = outbox[0]!.mutation;
        await db.outbox.add({ mutationId: dup, kind: 'read-state', mutation, createdAt: '' });
      }),
    ).rejects.toThrow();
    expect(await db.readState.get('c2' as never)).toBeUndefined();
  });
});

describe('describeStorageError', () => {
  it('maps quota, wrapped quota, closed and others', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(describeStorageError(quota)).toBe('quota-exceeded');
    expect(describeStorageError(new Dexie.AbortError('aborted', quota))).toBe('quota-exceeded');
    expect(describeStorageError(new Dexie.DatabaseClosedError())).toBe('database-unavailable');
    expect(describeStorageError(new DOMException('x', 'AbortError'))).toBe('transaction-failed');
    expect(describeStorageError(new Error('boom'))).toBe('transaction-failed');
  });
});
