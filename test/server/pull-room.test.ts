import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeTransaction } from '../../server/db/database.js';
import { upsertEventTx } from '../../server/events/event-store.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { pullChanges, startTestServer } from '../support/server-harness.js';
import { PUSH_CORPUS } from './push-fixtures.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A room of first syncs on the embedded database (issue 19): PGlite runs one
 * query at a time, so every query a pull asks is paid by the whole room. A
 * pull of an unchanged log is answered from memory (the token, the head, the
 * participant's facts, the page), and the first write is seen at once.
 */
describe('a room of pulls on the embedded database', () => {
  let server: Server;
  const statements: string[] = [];
  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    expect((await importLines(server.db, PUSH_CORPUS)).rejected).toEqual([]);
    const query = server.db.query.bind(server.db);
    server.db.query = ((sql: string, params?: unknown[]) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return query(sql, params);
    }) as typeof server.db.query;
  });
  afterAll(() => server?.close());

  it('shares every corpus page with a room whose seminar was set up after the import', async () => {
    // The seminar is set up after the import, as the secretariat does: its rows follow the corpus's.
    await writeTransaction(server.db, (tx) =>
      upsertEventTx(tx, {
        id: 'room-seminar',
        kind: 'seminar',
        title: { en: 'The room’s seminar' },
        startsOn: '2027-02-01',
        endsOn: '2027-02-02',
        status: 'running',
        questionIds: ['q1'],
      }),
    );
    const room = await Promise.all(
      [1, 2, 3].map((i) => server.signIn({ id: `member-${i}`, name: `Member ${i}`, events: ['room-seminar'] })),
    );
    const stats = { ...server.app.corpusPages.stats };
    // Small pages, so the corpus takes several and the members' own rows follow the last one.
    for (const { changes } of await Promise.all(room.map((device) => pullChanges(device, 0, 2)))) {
      expect(changes.some((c) => c.kind === 'contribution')).toBe(true);
      expect(changes.some((c) => c.kind === 'event' && c.record.id === 'room-seminar')).toBe(true);
    }
    // Every corpus page came from the cache, also the last one, which the members' own rows follow.
    expect(server.app.corpusPages.stats.declined).toBe(stats.declined);
    expect(server.app.corpusPages.stats.served - stats.served).toBeGreaterThanOrEqual(3 * 2);
  });

  it('answers pulls of an unchanged log without a query, and sees the next write at once', async () => {
    const room = await Promise.all(
      [1, 2, 3].map((i) => server.signIn({ id: `room-${i}`, name: `Room ${i}`, events: [] })),
    );
    const first = await Promise.all(room.map((device) => pullChanges(device, 0, 2)));
    for (const { changes } of first) expect(changes.some((c) => c.kind === 'contribution')).toBe(true);

    statements.length = 0;
    const again = await Promise.all(room.map((device) => pullChanges(device, 0, 2)));
    expect(again.map((p) => p.changes)).toEqual(first.map((p) => p.changes));
    expect(statements).toEqual([]);

    // A write: a contribution imported into the corpus. Each member of the room sees it at its next pull.
    const added = {
      type: 'contribution',
      id: 'c-room',
      questionId: 'q1',
      author: { name: 'A', kind: 'individual' },
      language: 'en',
      createdAt: '2017-01-02T00:00:00Z',
      status: 'published',
      text: 'A contribution the room has not seen yet.',
    };
    expect((await importLines(server.db, [JSON.stringify(added)])).rejected).toEqual([]);
    for (const [i, device] of room.entries()) {
      const { changes } = await pullChanges(device, first[i]!.checkpoint, 2);
      expect(changes.map((c) => (c.kind === 'contribution' ? c.record.id : c.kind))).toContain('c-room');
    }
  });

  it('refuses a token at its first request after its revocation, though its pulls were answered from memory', async () => {
    const device = await server.signIn({ id: 'room-revoked', name: 'Revoked' });
    await pullChanges(device);
    await pullChanges(device);
    await server.db.query('UPDATE tokens SET revoked_at = now() WHERE participant_id = $1', ['room-revoked']);
    expect((await device.get('/api/changes?since=0')).status).toBe(401);
  });

  it('writes a token’s last use at its first request, then not again within the minute', async () => {
    const device = await server.signIn({ id: 'room-last-use', name: 'Last use' });
    statements.length = 0;
    for (let i = 0; i < 5; i++) expect((await device.get('/api/me')).status).toBe(200);
    expect(statements.filter((sql) => sql.startsWith('UPDATE tokens SET last_used_at'))).toHaveLength(1);
    const { devices } = (await (await device.get('/api/devices')).json()) as { devices: { lastUsedAt: string }[] };
    expect(Date.parse(devices[0]!.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
