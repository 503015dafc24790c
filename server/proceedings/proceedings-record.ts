import type { Lang } from '../../shared/languages.js';
import type { ParticipantId } from '../../shared/model/entities.js';
import type { EventId } from '../../shared/model/events.js';
import type { Proceedings, ReviewState, ReviewTarget } from '../../shared/model/proceedings.js';
import type { SynthesisId } from '../../shared/model/synthesis.js';
import type { Queryable } from '../db/database.js';
import { toIso } from '../db/timestamps.js';
import { editionLanguages } from './edition-translations.js';

/**
 * The whole proceedings record of an event as one member receives it
 * (shared/model/proceedings.ts): read from its tables in one pass. Built for
 * the pull and for push answers; `myConsent` is the reader's own.
 */
export async function readProceedings(db: Queryable, eventId: string, readerId: string): Promise<Proceedings> {
  const [[head], sections, comments, trail, editions, named, [mine]] = await Promise.all([
    db.query<Record<string, unknown>>('SELECT * FROM proceedings WHERE event_id = $1', [eventId]),
    db.query<{ synthesis_id: string; state: ReviewState }>(
      `SELECT r.synthesis_id, r.state FROM review_states r JOIN syntheses s ON s.id = r.synthesis_id
       WHERE s.event_id = $1 ORDER BY r.synthesis_id`,
      [eventId],
    ),
    db.query<Record<string, unknown>>('SELECT * FROM review_comments WHERE event_id = $1 ORDER BY created_at, id', [
      eventId,
    ]),
    db.query<Record<string, unknown>>('SELECT * FROM review_trail WHERE event_id = $1 ORDER BY id', [eventId]),
    db.query<Record<string, unknown>>(
      `SELECT number, language, content_hash, published_at, published_by_name FROM proceedings_editions
       WHERE event_id = $1 ORDER BY number`,
      [eventId],
    ),
    namedMembers(db, eventId),
    db.query<{ consented: boolean }>(
      'SELECT consented FROM event_consents WHERE event_id = $1 AND participant_id = $2',
      [eventId, readerId],
    ),
  ]);
  const languages = await Promise.all(
    editions.map((e) => editionLanguages(db, eventId, Number(e.number), e.language as Lang)),
  );
  return {
    eventId: eventId as EventId,
    title: String(head?.title ?? ''),
    subtitle: String(head?.subtitle ?? ''),
    publisher: String(head?.publisher ?? ''),
    language: (head?.language as Lang | undefined) ?? 'en',
    state: (head?.state as ReviewState | undefined) ?? 'draft',
    sections: Object.fromEntries(sections.map((s) => [s.synthesis_id, s.state])),
    comments: comments.map((c) => ({
      id: String(c.id),
      synthesisId: c.synthesis_id as SynthesisId,
      anchor: (c.anchor as Proceedings['comments'][number]['anchor']) ?? null,
      body: String(c.body),
      authorId: c.author_id as ParticipantId,
      authorName: String(c.author_name),
      replyTo: (c.reply_to as string | null) ?? null,
      resolved: Boolean(c.resolved),
      resolvedByName: (c.resolved_by_name as string | null) ?? null,
      createdAt: toIso(c.created_at),
    })),
    trail: trail.map((t) => ({
      target: String(t.target) as ReviewTarget,
      from: t.from_state as ReviewState,
      to: t.to_state as ReviewState,
      byName: String(t.by_name),
      at: toIso(t.at),
      edition: t.edition === null || t.edition === undefined ? null : Number(t.edition),
    })),
    editions: editions.map((e, i) => ({
      number: Number(e.number),
      language: e.language as Lang,
      languages: languages[i]!,
      contentHash: String(e.content_hash),
      publishedAt: toIso(e.published_at),
      publishedByName: String(e.published_by_name),
    })),
    named: named.filter((m) => m.consented).map((m) => m.name),
    myConsent: mine?.consented ?? false,
    version: Number(head?.version ?? 1),
  };
}

/** The event's current members and whether each agreed to be named (no answer is no), by name. */
export async function namedMembers(db: Queryable, eventId: string): Promise<{ name: string; consented: boolean }[]> {
  const rows = await db.query<{ name: string; consented: boolean | null }>(
    `SELECT p.name, c.consented FROM event_members m JOIN participants p ON p.id = m.participant_id
     LEFT JOIN event_consents c ON c.event_id = m.event_id AND c.participant_id = m.participant_id
     WHERE m.event_id = $1 AND m.removed_at IS NULL ORDER BY p.name, p.id`,
    [eventId],
  );
  return rows.map((r) => ({ name: r.name, consented: r.consented === true }));
}

/** A new seq (and version) for an event's proceedings, made if missing: its members pull the whole record again. */
export async function touchProceedingsTx(tx: Queryable, eventId: string): Promise<void> {
  await tx.query(
    `INSERT INTO proceedings (event_id, seq) VALUES ($1, nextval('change_seq'))
     ON CONFLICT (event_id) DO UPDATE SET seq = EXCLUDED.seq, version = proceedings.version + 1`,
    [eventId],
  );
}
