import * as Y from 'yjs';
import { currentEventId } from './events.js';
import type { Lang } from '../../shared/languages.js';
import type { Participant, QuestionId } from '../../shared/model/entities.js';
import { partSynthesisId, type Synthesis, type SynthesisId, type SynthesisPart } from '../../shared/model/synthesis.js';
import type { SeminarDb } from './database.js';
import { appendOutbox } from './outbox.js';

/**
 * Syntheses on this device. A synthesis's text is one Yjs state per
 * synthesis (synthesisDocs): updates pulled from the server and edits made
 * here are merged into it (Y.mergeUpdates), and each local edit goes to the
 * outbox as the same update in the same transaction. Yjs makes every merge
 * commutative and idempotent, so the order updates arrive in never matters.
 */

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + CHUNK, bytes.length)));
  return btoa(binary);
}

/** Merges pulled updates into the stored states, inside the caller's transaction (applyPullPage). */
export async function mergeSynthesisUpdates(db: SeminarDb, updates: Map<string, Uint8Array[]>): Promise<void> {
  const ids = [...updates.keys()] as SynthesisId[];
  const rows = await db.synthesisDocs.bulkGet(ids);
  const now = new Date().toISOString();
  await db.synthesisDocs.bulkPut(
    ids.map((id, i) => {
      const current = rows[i]?.state;
      const merged = Y.mergeUpdates([...(current ? [current] : []), ...updates.get(id)!]);
      return { id, state: merged, updatedAt: now };
    }),
  );
}

/** A local edit: into the stored state and the outbox, in one transaction (strict durability). */
export async function recordSynthesisEdit(db: SeminarDb, id: SynthesisId, update: Uint8Array): Promise<void> {
  await db.transaction('rw', [db.synthesisDocs, db.outbox], async () => {
    const current = await db.synthesisDocs.get(id);
    const state = current ? Y.mergeUpdates([current.state, update]) : update;
    await db.synthesisDocs.put({ id, state, updatedAt: new Date().toISOString() });
    await appendOutbox(db, {
      id: crypto.randomUUID(),
      kind: 'synthesis-update',
      synthesisId: id,
      update: bytesToBase64(update),
    });
  });
}

/** A new synthesis of a question, usable at once offline; the server learns of it with the next push. */
export async function createSynthesis(
  db: SeminarDb,
  me: Participant,
  fields:
    { questionId: QuestionId; title: string; language: Lang } | { part: SynthesisPart; title: string; language: Lang },
): Promise<Synthesis> {
  const eventId = await currentEventId(db);
  const part = 'part' in fields ? fields.part : undefined;
  // A part of the proceedings has one id per event: two writers starting it offline start the same document.
  if (part && !eventId) throw new Error('a part of the proceedings belongs to an event');
  const synthesis: Synthesis = {
    ...(eventId ? { eventId } : {}),
    id: part ? partSynthesisId(part, eventId!) : (`s-${crypto.randomUUID()}` as SynthesisId),
    questionId: 'questionId' in fields ? fields.questionId : null,
    ...(part ? { part } : {}),
    title: fields.title.trim(),
    language: fields.language,
    createdBy: me.id,
    createdByName: me.name,
    createdAt: new Date().toISOString(),
    version: 1,
  };
  await db.transaction('rw', [db.syntheses, db.outbox], async () => {
    await db.syntheses.put(synthesis);
    await appendOutbox(db, {
      id: crypto.randomUUID(),
      kind: 'synthesis-create',
      synthesis: {
        id: synthesis.id,
        questionId: synthesis.questionId,
        ...(part ? { part } : {}),
        title: synthesis.title,
        language: synthesis.language,
        ...(eventId ? { eventId } : {}),
      },
    });
  });
  return synthesis;
}

export const canWriteSyntheses = (me: Participant | undefined) =>
  !!me && me.roles.some((role) => role === 'rapporteur' || role === 'secretariat');
