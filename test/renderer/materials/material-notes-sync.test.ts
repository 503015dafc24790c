import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../../server/import/import-jsonl.js';
import { upsertEventTx } from '../../../server/events/event-store.js';
import { openSeminarDb, type SeminarDb } from '../../../renderer/db/database.js';
import {
  createMaterialNote,
  deleteMaterialNote,
  notesOn,
  updateMaterialNote,
} from '../../../renderer/db/material-notes.js';
import { createApiClient } from '../../../renderer/sync/api-client.js';
import { pullAll } from '../../../renderer/sync/pull-engine.js';
import { pushOutbox } from '../../../renderer/sync/push-engine.js';
import type { MaterialId } from '../../../shared/model/material.js';
import type { MaterialNoteTarget } from '../../../shared/model/material-note.js';
import { startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../../server/push-fixtures.js';

/**
 * Notes on materials from one device's database to another's through the real
 * server: written offline, pushed, pulled; edited on two devices at once and
 * merged without losing either text; deleted as a tombstone.
 */
describe('notes on materials between devices', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const file = randomBytes(500);
  const sha256 = createHash('sha256').update(file).digest('hex');
  let n = 0;

  async function device(who: { id: string; name: string }) {
    const signed = await server.signIn(who);
    const db = openSeminarDb(`material-notes-${Date.now()}-${(n += 1)}`);
    await db.meta.put({ key: 'me', value: signed.participant });
    const client = createApiClient({ baseUrl: server.url, token: signed.token });
    const sync = async () => {
      await pushOutbox({ db, client });
      await pullAll({ db, client, retryDelayMs: 1 });
    };
    return { db, sync, participant: signed.participant };
  }

  const PDF: MaterialNoteTarget = {
    kind: 'pdf',
    materialId: 'm-study' as MaterialId,
    sha256,
    page: 2,
    textHash: 'page-hash',
    quote: { exact: 'countermeasures', prefix: 'Attribution, ', suffix: ' and the duty' },
    position: { start: 13, end: 28 },
  };
  const VIDEO: MaterialNoteTarget = { kind: 'media', materialId: 'm-video' as MaterialId, sha256, start: 4, end: 9.5 };

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    await server.db.transaction((tx) =>
      upsertEventTx(tx, {
        id: 'seminar',
        kind: 'closed-seminar',
        title: { en: 'S' },
        startsOn: '2017-02-01',
        endsOn: '2017-02-02',
      }),
    );
    const sec = await server.signIn({ id: 'sec', name: 'Sec', roles: ['secretariat'] });
    await fetch(`${server.url}/api/material-blobs/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sec.token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    for (const [id, mediaType] of [
      ['m-study', 'application/pdf'],
      ['m-video', 'video/webm'],
    ])
      await sec.post('/api/materials', {
        id,
        owner: { kind: 'question', id: 'q1' },
        title: { en: id },
        mediaType,
        sha256,
      });
  });
  afterAll(() => server?.close());

  const noteTexts = async (db: SeminarDb, id: string) => (await notesOn(db, id as MaterialId)).map((r) => r.note);

  it('carries PDF and time-range notes, tags included, to the other participants and the author’s other device', async () => {
    const laptop = await device({ id: 'ana', name: 'Ana' });
    const tablet = await device({ id: 'ana', name: 'Ana' });
    const colleague = await device({ id: 'bo', name: 'Bo' });
    await laptop.sync();
    await createMaterialNote(laptop.db, laptop.participant, PDF, {
      note: 'Read first',
      tags: ['t1' as never],
      visibility: 'seminar',
    });
    await createMaterialNote(laptop.db, laptop.participant, VIDEO, {
      note: 'The key minute',
      tags: [],
      visibility: 'private',
    });
    await laptop.sync();
    expect(await laptop.db.outbox.count()).toBe(0);
    expect((await laptop.db.materialNotes.toArray()).every((r) => r.pending === 0 && r.version === 1)).toBe(true);

    await tablet.sync();
    await colleague.sync();
    expect(await noteTexts(tablet.db, 'm-study')).toEqual(['Read first']);
    expect(await noteTexts(tablet.db, 'm-video')).toEqual(['The key minute']);
    expect((await notesOn(colleague.db, 'm-study' as MaterialId))[0]).toMatchObject({
      note: 'Read first',
      tags: ['t1'],
      target: PDF,
      authorName: 'Ana',
    });
    // The private one stays Ana's.
    expect(await noteTexts(colleague.db, 'm-video')).toEqual([]);
  });

  it('merges a note edited on two devices at once, keeping both texts, and spreads a deletion', async () => {
    const laptop = await device({ id: 'cy', name: 'Cy' });
    const tablet = await device({ id: 'cy', name: 'Cy' });
    const row = await createMaterialNote(laptop.db, laptop.participant, VIDEO, {
      note: 'Timing of the answer.',
      tags: [],
      visibility: 'private',
    });
    await laptop.sync();
    await tablet.sync();
    // Both offline: each rewrites the note, one also adds a tag.
    await updateMaterialNote(laptop.db, laptop.participant, row.id, { note: 'Laptop words.' });
    await updateMaterialNote(tablet.db, tablet.participant, row.id, { note: 'Tablet words.', tags: ['t2' as never] });
    await laptop.sync();
    await tablet.sync();
    await laptop.sync();
    const [onTablet] = await notesOn(tablet.db, 'm-video' as MaterialId).then((rows) =>
      rows.filter((r) => r.id === row.id),
    );
    expect(onTablet!.note).toContain('Laptop words.');
    expect(onTablet!.note).toContain('Tablet words.');
    expect(onTablet!.tags).toEqual(['t2']);
    const [onLaptop] = (await laptop.db.materialNotes.bulkGet([row.id])) as NonNullable<unknown>[];
    expect(onLaptop).toMatchObject({ note: onTablet!.note, version: onTablet!.version, pending: 0 });

    await deleteMaterialNote(tablet.db, tablet.participant, row.id);
    await tablet.sync();
    await laptop.sync();
    expect(await laptop.db.materialNotes.get(row.id)).toMatchObject({ deleted: true });
    expect((await notesOn(laptop.db, 'm-video' as MaterialId)).map((r) => r.id)).not.toContain(row.id);
  });
});
