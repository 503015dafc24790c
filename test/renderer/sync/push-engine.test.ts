import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnnotationId, AnnotationTarget } from '../../../shared/model/annotations.js';
import type { ContributionId, Participant, ParticipantId } from '../../../shared/model/entities.js';
import {
  createAnnotation,
  deleteAnnotation,
  resolveNoteConflict,
  updateAnnotation,
} from '../../../renderer/db/annotations.js';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { nextBatch, pushOutbox } from '../../../renderer/sync/push-engine.js';
import { SyncError } from '../../../renderer/sync/errors.js';
import { fakePushServer } from './fake-push-server.js';

const ME: Participant = { id: 'me' as ParticipantId, name: 'Ana', roles: ['expert'], language: 'en' };
const TARGET: AnnotationTarget = {
  contributionId: 'c-1' as ContributionId,
  language: 'en',
  sourceVersion: 1,
  textHash: 'h',
  quote: { exact: 'due diligence', prefix: '', suffix: '' },
  position: { start: 0, end: 13 },
};

let n = 0;
const fresh = () => openSeminarDb(`push-${Date.now()}-${(n += 1)}`);

async function setup() {
  const db = fresh();
  const server = fakePushServer(ME);
  const push = () => pushOutbox({ db, client: server.client });
  return { db, server, push };
}

describe('pushOutbox', () => {
  it('sends a note made offline, then its later edits re-based on the version the server gave', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, { note: 'first', tags: [], visibility: 'private' });
    await updateAnnotation(db, ME, row.id, { note: 'second' });
    await updateAnnotation(db, ME, row.id, { note: 'third' });

    const summary = await push();
    expect(summary).toEqual({ applied: 3, conflicts: 0, rejected: 0 });
    expect(server.get(row.id)).toMatchObject({ note: 'third', version: 3 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.get(row.id)).toMatchObject({ note: 'third', version: 3, pending: 0 });
    expect((await db.sent.toArray()).map((s) => s.kind)).toEqual([
      'annotation-put',
      'annotation-put',
      'annotation-put',
    ]);
  });

  it('keeps the outbox when the response is lost, and the resend applies nothing twice', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, { note: 'kept', tags: [], visibility: 'seminar' });
    server.loseNextResponse();
    await expect(push()).rejects.toMatchObject({ code: 'network' });
    expect(await db.outbox.count()).toBe(1);
    expect(server.applied).toHaveLength(1);

    server.failNextRequest();
    await expect(push()).rejects.toMatchObject({ code: 'server-error' });
    expect(await db.outbox.count()).toBe(1);

    await push();
    expect(server.applied).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.get(row.id)).toMatchObject({ version: 1, pending: 0 });
  });

  it('merges an edit that does not overlap a concurrent one and pushes the merged note', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, {
      note: 'Attribution is political. Evidence is technical.',
      tags: [],
      visibility: 'private',
    });
    await push();
    server.edit(row.id, { note: 'Attribution is political. Evidence is forensic.' });
    await updateAnnotation(db, ME, row.id, { note: 'Attribution is a political act. Evidence is technical.' });

    const summary = await push();
    expect(summary.conflicts).toBe(1);
    expect(server.get(row.id)?.note).toBe('Attribution is a political act. Evidence is forensic.');
    expect(await db.annotations.get(row.id)).toMatchObject({
      note: 'Attribution is a political act. Evidence is forensic.',
      pending: 0,
      conflict: null,
    });
  });

  it('keeps both texts of overlapping edits until the author resolves them, then pushes the choice', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, { note: 'Short note.', tags: [], visibility: 'private' });
    await push();
    server.edit(row.id, { note: 'Short note, rewritten on the laptop.' });
    await updateAnnotation(db, ME, row.id, { note: 'Short note, rewritten on the desktop.' });

    await push();
    const local = await db.annotations.get(row.id);
    expect(local?.conflict).toMatchObject({
      local: 'Short note, rewritten on the desktop.',
      server: 'Short note, rewritten on the laptop.',
      serverVersion: 2,
    });
    expect(await db.outbox.count()).toBe(0);
    expect(server.get(row.id)?.note).toBe('Short note, rewritten on the laptop.');

    await resolveNoteConflict(db, ME, row.id, 'Short note, rewritten on both.');
    await push();
    expect(server.get(row.id)).toMatchObject({ note: 'Short note, rewritten on both.', version: 3 });
    expect(await db.annotations.get(row.id)).toMatchObject({ conflict: null, pending: 0 });
  });

  it('keeps an edit made here over a deletion made elsewhere, and says so', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, { note: 'v1', tags: [], visibility: 'private' });
    await push();
    server.edit(row.id, { deleted: true });
    await updateAnnotation(db, ME, row.id, { note: 'v2 written offline' });

    await push();
    expect(server.get(row.id)).toMatchObject({ note: 'v2 written offline', deleted: false });
    expect(await db.annotations.get(row.id)).toMatchObject({ notice: 'kept-edit-over-delete', deleted: false });
  });

  it('a full disk while storing the answers: the user is told, nothing is lost, the resend applies nothing twice', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, {
      note: 'written on the plane',
      tags: [],
      visibility: 'seminar',
    });
    await updateAnnotation(db, ME, row.id, { note: 'written on the plane, revised' });
    let full = true;
    // The server commits, then the transaction that stores its answers runs out of space.
    db.sent.hook('creating', () => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(push()).rejects.toMatchObject({ code: 'storage', message: 'quota-exceeded' });
    expect(server.applied).toHaveLength(1);
    expect(await db.outbox.count()).toBe(2);
    expect(await db.annotations.get(row.id)).toMatchObject({ note: 'written on the plane, revised', pending: 1 });

    full = false;
    expect(await push()).toEqual({ applied: 2, conflicts: 0, rejected: 0 });
    expect(server.applied).toHaveLength(2);
    expect(server.get(row.id)).toMatchObject({ note: 'written on the plane, revised', version: 2 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.get(row.id)).toMatchObject({ version: 2, pending: 0 });
  });

  it('keeps a rejected mutation with its reason and does not resend it', async () => {
    const { db, push } = await setup();
    await db.outbox.add({
      mutationId: crypto.randomUUID(),
      kind: 'tag-propose',
      mutation: {
        id: crypto.randomUUID(),
        kind: 'tag-propose',
        tag: { id: 't' as never, label: { en: 'x' }, color: '#000000' },
      },
      createdAt: new Date().toISOString(),
    });
    expect(await push()).toMatchObject({ rejected: 1 });
    const [row] = await db.outbox.toArray();
    expect(row?.rejected).toEqual({ reason: 'forbidden', message: 'not in this fake' });
    expect(await push()).toEqual({ applied: 0, conflicts: 0, rejected: 0 });
  });

  it('keeps the whole outbox when the token is revoked mid-sync', async () => {
    const db = fresh();
    await createAnnotation(db, ME, TARGET, { note: 'not lost', tags: [], visibility: 'private' });
    const revoked = {
      push: async () => {
        throw new SyncError('unauthorized', 'a valid bearer token is required', 401);
      },
    };
    await expect(pushOutbox({ db, client: revoked })).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await db.outbox.toArray()).map((row) => row.mutation.kind)).toEqual(['annotation-put']);
    expect((await db.annotations.toArray())[0]).toMatchObject({ note: 'not lost', pending: 1 });
  });

  it('sends a delete of a note the server has', async () => {
    const { db, server, push } = await setup();
    const row = await createAnnotation(db, ME, TARGET, { note: 'gone soon', tags: [], visibility: 'private' });
    await push();
    await deleteAnnotation(db, ME, row.id as AnnotationId);
    await push();
    expect(server.get(row.id)).toMatchObject({ deleted: true, note: 'gone soon', version: 2 });
  });
});

describe('nextBatch', () => {
  const row = (seq: number, annotationId: string, note = 'n') => ({
    seq,
    mutationId: `m${seq}`,
    kind: 'annotation-put' as const,
    createdAt: '',
    mutation: {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      kind: 'annotation-put' as const,
      baseVersion: null,
      annotation: {
        id: annotationId as AnnotationId,
        target: TARGET,
        note,
        tags: [],
        visibility: 'private' as const,
        createdAt: '2017-01-01T00:00:00Z',
        updatedAt: '2017-01-01T00:00:00Z',
      },
    },
  });

  it('sends one change per note per batch, in outbox order', () => {
    const rows = [row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'c')];
    expect(nextBatch(rows, 200).map((r) => r.seq)).toEqual([1, 2, 4]);
    expect(nextBatch(rows, 2).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('stops before the body limit, counting UTF-8 bytes, but always sends one', () => {
    const arabic = 'ب'.repeat(20_000); // 40,000 bytes of UTF-8
    const rows = [row(1, 'a', arabic), row(2, 'b', arabic), row(3, 'c', arabic)];
    expect(nextBatch(rows, 200, 90_000).map((r) => r.seq)).toEqual([1, 2]);
    expect(nextBatch(rows, 200, 10).map((r) => r.seq)).toEqual([1]);
  });
});
