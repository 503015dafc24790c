import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../../server/import/import-jsonl.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMaterial } from '../../../server/materials/add-material.js';
import { openFileBlobStore } from '../../../server/materials/file-blob-store.js';
import { pullChanges, startTestServer } from '../../support/server-harness.js';
import { FEB, TWO_EVENTS } from '../event-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A material names its owner, a question or an event (issue 18/21): an unknown one is refused, nothing is stored. */
describe.each(['pglite', 'postgres'] as const)('a material’s owner must exist (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  const file = randomBytes(1_000);
  const hash = sha256(file);
  const base = { title: { en: 'Programme' }, mediaType: 'application/pdf', sha256: hash };

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    const counts = await importLines(server.db, TWO_EVENTS);
    expect(counts.rejected).toEqual([]);
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    const put = await fetch(`${server.url}/api/material-blobs/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(put.status).toBeLessThan(300);
  });
  afterAll(() => server?.close());

  const rows = async () => (await server.db.query('SELECT id FROM materials ORDER BY id')).map((r) => r.id);

  it('answers 404 with the owner named for an unknown event or question, and keeps no row', async () => {
    for (const owner of [
      { kind: 'event', id: 'ev-nope' },
      { kind: 'question', id: 'q-nope' },
    ]) {
      const res = await secretariat.post('/api/materials', { ...base, id: `m-${owner.id}`, owner });
      expect(res.status).toBe(404);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('not-found');
      expect(error.message).toBe(`no ${owner.kind} "${owner.id}"`);
    }
    expect(await rows()).toEqual([]);
    // The admin command's way in is checked the same.
    const blobs = await openFileBlobStore(mkdtempSync(join(tmpdir(), 'material-owner-')));
    const viaAdmin = await addMaterial(server.db, blobs, secretariat.participant, { bytes: file }, {
      ...base,
      id: 'm-admin',
      owner: { kind: 'event', id: 'ev-nope' },
    } as never);
    expect(viaAdmin).toMatchObject({ status: 'rejected', reason: 'not-found' });
    expect(await rows()).toEqual([]);
  });

  it('stores a material of an event that exists, pulled by its members', async () => {
    const res = await secretariat.post('/api/materials', { ...base, id: 'm-feb', owner: { kind: 'event', id: FEB } });
    expect(res.status).toBe(200);
    expect(await rows()).toEqual(['m-feb']);
    await server.db.query(
      `INSERT INTO event_members (event_id, participant_id, roles, seq) VALUES ($1, 'sec', '{secretariat}', nextval('change_seq'))
       ON CONFLICT DO NOTHING`,
      [FEB],
    );
    const { changes } = await pullChanges(secretariat);
    expect(changes.some((c) => c.kind === 'material' && c.record.id === 'm-feb')).toBe(true);
  });
});
