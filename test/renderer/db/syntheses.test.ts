import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Participant, ParticipantId, QuestionId } from '../../../shared/model/entities.js';
import type { SynthesisId } from '../../../shared/model/synthesis.js';
import { applyPullPage } from '../../../renderer/db/apply-page.js';
import { openSeminarDb } from '../../../renderer/db/database.js';
import {
  base64ToBytes,
  bytesToBase64,
  canWriteSyntheses,
  createSynthesis,
  recordSynthesisEdit,
} from '../../../renderer/db/syntheses.js';

const ME: Participant = { id: 'anna' as ParticipantId, name: 'Anna', roles: ['rapporteur'], language: 'fr' };
let n = 0;
const fresh = () => openSeminarDb(`syntheses-${Date.now()}-${(n += 1)}`);

function edit(doc: Y.Doc, text: string, at = 0): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(at, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('syntheses on the device', () => {
  it('base64 round-trips any bytes, large ones included', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('a new synthesis is usable at once and queued for the server', async () => {
    const db = fresh();
    const s = await createSynthesis(db, ME, { questionId: 'q1' as QuestionId, title: '  Synthèse  ', language: 'fr' });
    expect(await db.syntheses.get(s.id)).toMatchObject({ title: 'Synthèse', createdBy: 'anna' });
    expect((await db.outbox.toArray()).map((r) => r.mutation)).toEqual([
      {
        id: expect.any(String),
        kind: 'synthesis-create',
        synthesis: { id: s.id, questionId: 'q1', title: 'Synthèse', language: 'fr' },
      },
    ]);
    expect(canWriteSyntheses(ME)).toBe(true);
    expect(canWriteSyntheses({ ...ME, roles: ['expert', 'delegate'] })).toBe(false);
  });

  it('local edits and pulled updates merge into one state, whatever their order, each local edit queued once', async () => {
    const db = fresh();
    const id = 's-1' as SynthesisId;
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const local = edit(mine, 'Anna. ');
    const remote = edit(theirs, 'Bruno. ');
    await recordSynthesisEdit(db, id, local);
    await applyPullPage(db, {
      protocol: 2,
      epoch: 'e',
      since: 0,
      checkpoint: 2,
      head: 2,
      remaining: 0,
      hasMore: false,
      changes: [
        {
          seq: 1,
          kind: 'synthesis-update',
          synthesisId: id,
          update: bytesToBase64(remote),
          authorId: null,
          authorName: 'Bruno',
          at: '2026-11-24T10:00:00.000Z',
        },
        // Our own edit comes back from the server too: applying it again changes nothing.
        {
          seq: 2,
          kind: 'synthesis-update',
          synthesisId: id,
          update: bytesToBase64(local),
          authorId: 'anna' as ParticipantId,
          authorName: 'Anna',
          at: '2026-11-24T10:00:01.000Z',
        },
      ],
    } as never);
    const onDevice = new Y.Doc();
    Y.applyUpdate(onDevice, (await db.synthesisDocs.get(id))!.state);
    const reference = new Y.Doc();
    Y.applyUpdate(reference, remote);
    Y.applyUpdate(reference, local);
    expect(onDevice.getText('t').toString()).toBe(reference.getText('t').toString());
    expect(onDevice.getText('t').toString()).toMatch(/Anna\. /);
    expect(onDevice.getText('t').toString()).toMatch(/Bruno\. /);
    const queued = (await db.outbox.toArray()).map((r) => r.mutation);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'synthesis-update', synthesisId: id, update: bytesToBase64(local) });
  });
});
