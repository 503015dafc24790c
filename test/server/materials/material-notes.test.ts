import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../../server/import/import-jsonl.js';
import { upsertEventTx } from '../../../server/events/event-store.js';
import { mutationSchema, type Mutation } from '../../../shared/protocol/mutations.js';
import type { MaterialNoteTarget } from '../../../shared/model/material-note.js';
import { pullChanges, pushMutations, startTestServer } from '../../support/server-harness.js';
import { PUSH_CORPUS } from '../push-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(['pglite', 'postgres'] as const)('notes on materials through push and pull (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let secretariat: Awaited<ReturnType<typeof server.signIn>>;
  let author: Awaited<ReturnType<typeof server.signIn>>;
  let reader: Awaited<ReturnType<typeof server.signIn>>;
  let outsider: Awaited<ReturnType<typeof server.signIn>>;
  const file = randomBytes(2000);
  const hash = sha256(file);

  const pdfTarget = (materialId = 'm-pdf'): MaterialNoteTarget => ({
    kind: 'pdf',
    materialId: materialId as never,
    sha256: hash,
    page: 3,
    textHash: 'h1',
    quote: { exact: 'due diligence', prefix: 'States owe ', suffix: ' in cyberspace' },
    position: { start: 11, end: 24 },
  });
  const mediaTarget = (start = 12.5, end = 20): MaterialNoteTarget => ({
    kind: 'media',
    materialId: 'm-video' as never,
    sha256: hash,
    start,
    end,
  });
  const put = (
    id: string,
    target: MaterialNoteTarget,
    body: { note?: string; visibility?: 'private' | 'seminar'; tags?: string[]; eventId?: string } = {},
    baseVersion: number | null = null,
  ): Mutation =>
    mutationSchema.parse({
      id: randomUUID(),
      kind: 'material-note-put',
      baseVersion,
      note: {
        id,
        target,
        note: body.note ?? 'a note',
        tags: body.tags ?? [],
        visibility: body.visibility ?? 'seminar',
        eventId: body.eventId ?? (target.materialId === 'm-closed' ? undefined : 'seminar'),
        createdAt: '2017-02-01T10:00:00Z',
        updatedAt: '2017-02-01T10:00:00Z',
      },
    });

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    await server.db.transaction(async (tx) => {
      for (const id of ['seminar', 'closed'])
        await upsertEventTx(tx, {
          id,
          kind: 'closed-seminar',
          title: { en: id },
          startsOn: '2017-02-01',
          endsOn: '2017-02-02',
        });
    });
    secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
    author = await server.signIn({ id: 'author', name: 'Author', events: ['seminar', 'closed'] });
    reader = await server.signIn({ id: 'reader', name: 'Reader', events: ['seminar'] });
    outsider = await server.signIn({ id: 'outsider', name: 'Outsider', events: [] });
    const stored = await fetch(`${server.url}/api/material-blobs/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secretariat.token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(stored.status).toBe(201);
    for (const [id, owner, mediaType] of [
      ['m-pdf', { kind: 'question', id: 'q1' }, 'application/pdf'],
      ['m-video', { kind: 'question', id: 'q1' }, 'video/webm'],
      ['m-closed', { kind: 'event', id: 'closed' }, 'application/pdf'],
    ] as const) {
      const res = await secretariat.post('/api/materials', { id, owner, title: { en: id }, mediaType, sha256: hash });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => server?.close());

  const pdfId = randomUUID();
  const videoId = randomUUID();
  const privateId = randomUUID();

  it('stores PDF and time-range notes and shows them to the seminar, a private one only as its id', async () => {
    const results = await pushMutations(author, [
      put(pdfId, pdfTarget(), { note: 'Key passage', tags: ['t-due'] }),
      put(videoId, mediaTarget(), { note: 'Watch this part' }),
      put(privateId, mediaTarget(30, 31.25), { note: 'my own thought', visibility: 'private' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[0]).toMatchObject({
      record: { kind: 'material-note', note: { id: pdfId, version: 1, eventId: 'seminar', target: pdfTarget() } },
    });

    const seen = await pullChanges(reader);
    const notes = seen.changes.filter((c) => c.kind.startsWith('material-note'));
    expect(notes.map((c) => c.kind)).toEqual(['material-note', 'material-note', 'material-note-hidden']);
    expect(notes[1]).toMatchObject({ record: { id: videoId, target: { kind: 'media', start: 12.5, end: 20 } } });
    expect(seen.raw).not.toContain('my own thought');
    // The author's own, private one included, on every device of theirs.
    const own = (await pullChanges(author)).changes.filter((c) => c.kind === 'material-note');
    expect(own).toHaveLength(3);
    // Someone in no event of the author's learns nothing of the notes.
    const away = await pullChanges(outsider);
    expect(away.changes.filter((c) => c.kind.startsWith('material-note'))).toEqual([]);
  });

  it('answers a stale edit with a conflict and the current record, and keeps tombstones', async () => {
    const edited = await pushMutations(author, [put(pdfId, pdfTarget(), { note: 'Key passage, reread' }, 1)]);
    expect(edited[0]).toMatchObject({ status: 'applied', record: { note: { version: 2 } } });
    const stale = await pushMutations(author, [put(pdfId, pdfTarget(), { note: 'other device' }, 1)]);
    expect(stale[0]).toMatchObject({
      status: 'conflict',
      current: { kind: 'material-note', note: { version: 2, note: 'Key passage, reread' } },
    });
    const removed = await pushMutations(author, [
      {
        id: randomUUID(),
        kind: 'material-note-delete',
        baseVersion: 1,
        noteId: videoId as never,
        deletedAt: '2017-02-01T11:00:00Z',
      },
    ]);
    expect(removed[0]).toMatchObject({ status: 'applied', record: { note: { deleted: true, version: 2 } } });
    const seen = await pullChanges(reader);
    const last = seen.changes.filter((c) => c.kind === 'material-note' && c.record.id === videoId).at(-1);
    // Another's deletion arrives without its words.
    expect(last).toMatchObject({ record: { deleted: true, note: '' } });
  });

  it('refuses what is not the author’s, a bad range, and a material the author may not read', async () => {
    const theirs = await pushMutations(reader, [put(pdfId, pdfTarget(), { note: 'hijack' }, 2)]);
    expect(theirs[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect(() => put(randomUUID(), mediaTarget(20, 20))).toThrow(/ends after it starts/);
    const unknown = await pushMutations(author, [put(randomUUID(), pdfTarget('m-none'))]);
    expect(unknown[0]).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
    // A closed event's material: refused to a non-member exactly like an unknown one.
    const closed = await pushMutations(reader, [put(randomUUID(), pdfTarget('m-closed'))]);
    expect(closed[0]).toMatchObject({ status: 'rejected', reason: 'validation-failed' });
    expect(closed[0]!.status === 'rejected' && closed[0]!.message).toContain('unknown material "m-closed"');
    // A member annotates it, in that event whatever the device says, and only members see the note.
    const member = await pushMutations(author, [put(randomUUID(), pdfTarget('m-closed'), { note: 'inside' })]);
    expect(member[0]).toMatchObject({ status: 'applied', record: { note: { eventId: 'closed' } } });
    expect((await pullChanges(reader)).raw).not.toContain('inside');
  });
});
