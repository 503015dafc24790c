import * as Y from 'yjs';
import type { z } from 'zod';
import type { Participant, ParticipantId, QuestionId } from '../../shared/model/entities.js';
import {
  SYNTHESIS_WRITERS,
  partSynthesisId,
  type Synthesis,
  type SynthesisId,
  type SynthesisPart,
} from '../../shared/model/synthesis.js';
import { synthesisCreateMutation } from '../../shared/protocol/mutations.js';
import type { Lang } from '../../shared/languages.js';
import { writeTransaction, type Database, type Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { toIso } from '../db/timestamps.js';
import { defaultEventOf, memberRoles } from '../events/event-store.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';

/**
 * Syntheses as the server keeps them. The policy:
 * - a synthesis belongs to an event: that event's rapporteurs and
 *   secretariat (roles in the event) create it and write its text; the
 *   event's members read it (pull/visibility.ts);
 * - the text is a Yjs document: each push stores one update as it came, once
 *   (the push records mutation ids); updates commute, so there is no base
 *   version and no conflict;
 * - an update that does not decode as Yjs is rejected, never stored;
 * - compaction merges a synthesis's updates into one and keeps a history
 *   snapshot (who, when) in its place.
 */
/** Whether the participant writes syntheses in this event: a writer role there (their roles are per event). */
async function writesIn(tx: Queryable, participant: Participant, eventId: string): Promise<boolean> {
  const roles = await memberRoles(tx, participant.id, eventId);
  return !!roles && roles.some((r) => (SYNTHESIS_WRITERS as readonly string[]).includes(r));
}

type CreateInput = z.input<typeof synthesisCreateMutation>['synthesis'];

export async function createSynthesisTx(
  tx: Queryable,
  participant: Participant,
  input: CreateInput,
): Promise<WriteOutcome<Synthesis>> {
  const parsed = synthesisCreateMutation.shape.synthesis.safeParse(input);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const { id, questionId, part, title, language } = toStorable(parsed.data);
  const eventId = parsed.data.eventId ?? (await defaultEventOf(tx, participant, SYNTHESIS_WRITERS));
  if (!eventId || !(await writesIn(tx, participant, eventId)))
    return unchanged(rejected('forbidden', "only the event's rapporteurs and secretariat write its syntheses"));
  // A part of the proceedings has one id per event (partSynthesisId): a second writer who started it offline
  // gets the one that exists, and writes into it.
  if (part && id !== partSynthesisId(part, eventId))
    return unchanged(rejected('validation-failed', `the ${part} of this event is ${partSynthesisId(part, eventId)}`));
  const existing = await readSynthesis(tx, id);
  if (existing) {
    if (existing.createdBy !== participant.id && !(part && existing.part === part && existing.eventId === eventId))
      return unchanged(rejected('forbidden', `synthesis ${id} exists`));
    return unchanged({ status: 'applied', record: existing });
  }
  if (questionId !== null) {
    const [question] = await tx.query('SELECT 1 FROM questions WHERE id=$1', [questionId]);
    if (!question) return unchanged(rejected('validation-failed', `no question ${JSON.stringify(questionId)}`));
  }
  await tx.query(
    `INSERT INTO syntheses (id, question_id, part, title, language, created_by, created_by_name, event_id, seq)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,nextval('change_seq'))`,
    [id, questionId, part ?? null, title, language, participant.id, participant.name, eventId],
  );
  return { result: { status: 'applied', record: (await readSynthesis(tx, id))! }, changed: true };
}

/** Stores one pushed CRDT update; returns its seq. */
export async function pushSynthesisUpdateTx(
  tx: Queryable,
  participant: Participant,
  synthesisId: string,
  base64: string,
): Promise<WriteOutcome<{ synthesisId: SynthesisId; seq: number }>> {
  const [synthesis] = await tx.query<{ event_id: string }>('SELECT event_id FROM syntheses WHERE id=$1', [synthesisId]);
  // A synthesis of an event the writer is not in is answered as one that does not exist.
  if (!synthesis || !(await memberRoles(tx, participant.id, synthesis.event_id)))
    return unchanged(rejected('not-found', `no synthesis ${JSON.stringify(synthesisId)}`));
  if (!(await writesIn(tx, participant, synthesis.event_id)))
    return unchanged(rejected('forbidden', "only the event's rapporteurs and secretariat write its syntheses"));
  const update = Buffer.from(base64, 'base64');
  if (!isYjsUpdate(update)) return unchanged(rejected('validation-failed', 'the update is not a Yjs update'));
  const [row] = await tx.query<{ seq: string | number }>(
    `INSERT INTO synthesis_updates (synthesis_id, update, author_id, author_name, seq)
     VALUES ($1,$2,$3,$4,nextval('change_seq')) RETURNING seq`,
    [synthesisId, update, participant.id, participant.name],
  );
  return {
    result: { status: 'applied', record: { synthesisId: synthesisId as SynthesisId, seq: Number(row!.seq) } },
    changed: true,
  };
}

/** Whether bytes decode as a Yjs update (v1): a truncated or foreign payload throws. */
function isYjsUpdate(bytes: Uint8Array): boolean {
  try {
    Y.decodeUpdate(bytes);
    // Applying it to a scratch document also catches structures that decode but cannot integrate.
    Y.applyUpdate(new Y.Doc(), bytes);
    return true;
  } catch {
    return false;
  }
}

export async function readSynthesis(tx: Queryable, id: string): Promise<Synthesis | null> {
  const [row] = await tx.query<Record<string, unknown>>('SELECT * FROM syntheses WHERE id=$1', [id]);
  return row ? synthesisFromRow(row) : null;
}

export function synthesisFromRow(row: Record<string, unknown>): Synthesis {
  return {
    id: row.id as SynthesisId,
    questionId: (row.question_id as QuestionId | null) ?? null,
    ...(row.part ? { part: row.part as SynthesisPart } : {}),
    title: String(row.title),
    language: row.language as Lang,
    createdBy: row.created_by as ParticipantId,
    createdByName: String(row.created_by_name),
    createdAt: toIso(row.created_at),
    eventId: String(row.event_id),
    version: Number(row.version),
  };
}

/** Compacts once a synthesis has more stored updates than this. */
export const COMPACT_AFTER = 200;

/**
 * Merges all of a synthesis's stored updates into one (Y.mergeUpdates: the
 * same document, without the per-edit overhead), under the write lock, and
 * records what was merged (authors, time span, the state) in the history.
 * Returns the bytes before and after.
 */
export async function compactSynthesis(
  db: Database,
  synthesisId: string,
): Promise<{ before: number; after: number; updates: number }> {
  const outcome = await writeTransaction(db, async (tx) => {
    const rows = await tx.query<{ update: Uint8Array; author_name: string; at: unknown; merged: number; seq: unknown }>(
      'SELECT update, author_name, at, merged, seq FROM synthesis_updates WHERE synthesis_id=$1 ORDER BY seq',
      [synthesisId],
    );
    const before = rows.reduce((sum, r) => sum + r.update.byteLength, 0);
    if (rows.length < 2) return { before, after: before, updates: rows.length, changed: false };
    const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update)));
    // A row merged by an earlier compaction stands for that snapshot's authors.
    const [previous] = await tx.query<{ authors: string[] }>(
      'SELECT authors FROM synthesis_history WHERE synthesis_id=$1 ORDER BY up_to_seq DESC LIMIT 1',
      [synthesisId],
    );
    const authors = [
      ...new Set(rows.flatMap((r) => (Number(r.merged) > 1 && previous ? previous.authors : [r.author_name]))),
    ];
    // The updates this snapshot adds: those merged before are counted by the snapshots before it.
    const fresh = rows.filter((r) => Number(r.merged) === 1);
    const count = fresh.length;
    const total = rows.reduce((sum, r) => sum + Number(r.merged), 0);
    const last = rows[rows.length - 1]!;
    await tx.query(
      `INSERT INTO synthesis_history (synthesis_id, state, authors, from_at, to_at, updates, up_to_seq)
       VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [synthesisId, merged, authors, toIso((fresh[0] ?? rows[0]!).at), toIso(last.at), count, Number(last.seq)],
    );
    await tx.query('DELETE FROM synthesis_updates WHERE synthesis_id=$1', [synthesisId]);
    await tx.query(
      `INSERT INTO synthesis_updates (synthesis_id, update, author_id, author_name, at, merged, seq)
       VALUES ($1,$2,NULL,$3,$4,$5,nextval('change_seq'))`,
      [synthesisId, merged, authors.join(', '), toIso(last.at), total],
    );
    return { before, after: merged.byteLength, updates: rows.length, changed: true };
  });
  if (outcome.changed) await db.announce();
  return { before: outcome.before, after: outcome.after, updates: outcome.updates };
}

export async function storedUpdateCount(db: Queryable, synthesisId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT COUNT(*)::int AS n FROM synthesis_updates WHERE synthesis_id=$1',
    [synthesisId],
  );
  return Number(row?.n ?? 0);
}

export interface HistoryEntry {
  /** The seq up to which this entry's state goes: GET …/history/:upTo/state returns it. */
  upTo: number;
  authors: string[];
  from: string;
  to: string;
  updates: number;
}

/**
 * Who changed the synthesis and when: the compacted snapshots, then the
 * stored updates grouped into sessions (one author, pauses under 10 minutes).
 */
export async function synthesisHistory(db: Queryable, synthesisId: string): Promise<HistoryEntry[]> {
  const snapshots = await db.query<Record<string, unknown>>(
    'SELECT authors, from_at, to_at, updates, up_to_seq FROM synthesis_history WHERE synthesis_id=$1 ORDER BY up_to_seq',
    [synthesisId],
  );
  const entries: HistoryEntry[] = snapshots.map((s) => ({
    upTo: Number(s.up_to_seq),
    authors: s.authors as string[],
    from: toIso(s.from_at),
    to: toIso(s.to_at),
    updates: Number(s.updates),
  }));
  const lastSnapshot = entries.at(-1)?.upTo ?? 0;
  const rows = await db.query<{
    author_name: string;
    at: unknown;
    seq: unknown;
    merged: number;
    author_id: string | null;
  }>(`SELECT author_name, author_id, at, seq, merged FROM synthesis_updates WHERE synthesis_id=$1 ORDER BY seq`, [
    synthesisId,
  ]);
  const SESSION_GAP_MS = 10 * 60_000;
  for (const r of rows) {
    // The merged row of the last compaction is already the last snapshot.
    if (r.author_id === null && Number(r.merged) > 1 && lastSnapshot > 0) continue;
    const at = toIso(r.at);
    const open = entries.at(-1);
    if (
      open &&
      open.upTo > lastSnapshot &&
      open.authors.length === 1 &&
      open.authors[0] === r.author_name &&
      Date.parse(at) - Date.parse(open.to) < SESSION_GAP_MS
    ) {
      open.to = at;
      open.upTo = Number(r.seq);
      open.updates += Number(r.merged);
    } else {
      entries.push({ upTo: Number(r.seq), authors: [r.author_name], from: at, to: at, updates: Number(r.merged) });
    }
  }
  return entries;
}

/** The document as it stood at a history entry: what a restore starts from. */
export async function synthesisStateAt(db: Queryable, synthesisId: string, upTo: number): Promise<Uint8Array | null> {
  const [snapshot] = await db.query<{ state: Uint8Array; up_to_seq: unknown }>(
    `SELECT state, up_to_seq FROM synthesis_history WHERE synthesis_id=$1 AND up_to_seq <= $2
     ORDER BY up_to_seq DESC LIMIT 1`,
    [synthesisId, upTo],
  );
  const after = snapshot ? Number(snapshot.up_to_seq) : 0;
  const rows = await db.query<{ update: Uint8Array; author_id: string | null; merged: number }>(
    `SELECT update, author_id, merged FROM synthesis_updates WHERE synthesis_id=$1 AND seq <= $2 ORDER BY seq`,
    [synthesisId, upTo],
  );
  // A compaction's merged row holds everything up to its snapshot, which is already counted.
  const parts = [
    ...(snapshot ? [new Uint8Array(snapshot.state)] : []),
    ...rows
      .filter((r) => !(after > 0 && r.author_id === null && Number(r.merged) > 1))
      .map((r) => new Uint8Array(r.update)),
  ];
  if (parts.length === 0) return null;
  return Y.mergeUpdates(parts);
}
