import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';

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

  it('answers pulls of an unchanged log without a query, and sees the next write at once', async () => {
    const room = await Promise.all([1, 2, 3].map((i) => server.signIn({ id: `room-${i}`, name: `Room ${i}` })));
    statements.length = 0;
    const first = await Promise.all(room.map((device) => pullChanges(device)));
    for (const { changes } of first) expect(changes.some((c) => c.kind === 'contribution')).toBe(true);

    statements.length = 0;
    const again = await Promise.all(room.map((device) => pullChanges(device)));
    expect(again.map((p) => p.changes)).toEqual(first.map((p) => p.changes));
    expect(statements).toEqual([]);

    const note = annotationPut({ note: 'seen by the room', visibility: 'seminar' });
    expect((await pushMutations(room[0]!, [note]))[0]!.status).toBe('applied');
    for (const [i, device] of room.entries()) {
      const { changes } = await pullChanges(device, first[i]!.checkpoint);
      expect(changes.map((c) => (c.kind === 'annotation' ? c.record.note : c.kind))).toContain('seen by the room');
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
