import * as Y from 'yjs';
import type { Lang, LocalizedText } from '../../shared/languages.js';
import type { EditionState } from '../../shared/export/proceedings/input.js';
import type { ProceedingsSource } from '../../shared/proceedings/assemble.js';
import { citationsIn } from '../../shared/synthesis/citation.js';
import { synthesisDocOf } from '../../shared/synthesis/yjs-doc.js';
import type { Queryable } from '../db/database.js';
import { namedMembers } from './proceedings-record.js';

/**
 * What an event's proceedings are assembled from, read from the server's
 * tables (shared/proceedings/assemble.ts does the rest): the event, its
 * sessions, the questions on them, its syntheses with their text merged from
 * every stored update, its members' consents, and the codebook tags of the
 * notes its quotes were taken from.
 */
export async function proceedingsSource(
  db: Queryable,
  eventId: string,
  edition: { number: number; state: EditionState; date: string },
): Promise<ProceedingsSource | null> {
  const [event] = await db.query<Record<string, unknown>>('SELECT * FROM events WHERE id = $1', [eventId]);
  if (!event) return null;
  const [front] = await db.query<Record<string, unknown>>('SELECT * FROM proceedings WHERE event_id = $1', [eventId]);
  const sessions = await db.query<Record<string, unknown>>(
    'SELECT * FROM seminar_sessions WHERE event_id = $1 ORDER BY day, ord, id',
    [eventId],
  );
  const syntheses = await db.query<Record<string, unknown>>(
    'SELECT * FROM syntheses WHERE event_id = $1 ORDER BY created_at, id',
    [eventId],
  );
  const questionIds = [
    ...new Set([
      ...sessions.flatMap((s) => s.question_ids as string[]),
      ...syntheses.flatMap((s) => (s.question_id ? [String(s.question_id)] : [])),
    ]),
  ];
  const questions = await db.query<{ id: string; code: string; title: LocalizedText }>(
    'SELECT id, code, title FROM questions WHERE id = ANY($1::text[])',
    [questionIds],
  );
  const texts = await Promise.all(syntheses.map((s) => synthesisText(db, String(s.id), String(s.created_by_name))));
  const docs = texts.map((t) => t.doc);
  const cited = docs.flatMap((doc) => citationsIn(doc));
  const notes = [...new Set(cited.flatMap((c) => (c.annotationId ? [c.annotationId] : [])))];
  const contributions = [...new Set(cited.map((c) => c.contributionId))];
  const [annotations, tags, withdrawn, members] = await Promise.all([
    db.query<{ id: string; contribution_id: string; tags: string[] }>(
      'SELECT id, contribution_id, tags FROM annotations WHERE id = ANY($1::text[]) AND NOT deleted',
      [notes],
    ),
    db.query<{ id: string; label: LocalizedText }>('SELECT id, label FROM tags ORDER BY id'),
    db.query<{ id: string }>(`SELECT id FROM contributions WHERE id = ANY($1::text[]) AND status = 'withdrawn'`, [
      contributions,
    ]),
    namedMembers(db, eventId),
  ]);
  // The foreword and closing remarks, when written (an empty one is left out).
  const partOf = (part: string) => {
    const i = syntheses.findIndex((s) => s.part === part);
    if (i < 0 || texts[i]!.doc.content.length === 0) return null;
    return { title: String(syntheses[i]!.title), ...texts[i]! };
  };
  return {
    language: ((front?.language as Lang | undefined) ?? 'en') as Lang,
    event: {
      id: eventId,
      title: event.title as LocalizedText,
      startsOn: String(event.starts_on),
      endsOn: String(event.ends_on),
      place: String(event.place ?? ''),
    },
    front: {
      title: String(front?.title ?? ''),
      subtitle: String(front?.subtitle ?? ''),
      publisher: String(front?.publisher ?? ''),
    },
    sessions: sessions.map((s) => ({
      id: String(s.id),
      day: Number(s.day),
      date: String(s.date),
      order: Number(s.ord),
      title: s.title as LocalizedText,
      questionIds: s.question_ids as string[],
    })),
    questions,
    syntheses: syntheses.flatMap((s, i) =>
      s.part ? [] : [{ id: String(s.id), questionId: String(s.question_id), title: String(s.title), ...texts[i]! }],
    ),
    foreword: partOf('foreword'),
    closing: partOf('closing'),
    members,
    tags,
    annotations: annotations.map((a) => ({ id: a.id, contributionId: a.contribution_id, tags: a.tags })),
    withdrawn: withdrawn.map((w) => w.id),
    edition,
  };
}

/** A synthesis's text merged from its stored updates, and who wrote it (its creator first). */
async function synthesisText(db: Queryable, synthesisId: string, creator: string) {
  const rows = await db.query<{ update: Uint8Array; author_name: string; author_id: string | null }>(
    'SELECT update, author_name, author_id FROM synthesis_updates WHERE synthesis_id = $1 ORDER BY seq',
    [synthesisId],
  );
  const history = await db.query<{ authors: string[] }>(
    'SELECT authors FROM synthesis_history WHERE synthesis_id = $1',
    [synthesisId],
  );
  const state = rows.length ? Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))) : null;
  // A compaction's merged row is named by its authors joined; its snapshot lists them one by one.
  const others = new Set([
    ...history.flatMap((h) => h.authors),
    ...rows.filter((r) => r.author_id !== null).map((r) => r.author_name),
  ]);
  others.delete(creator);
  return { doc: synthesisDocOf(state), authors: [creator, ...[...others].sort()] };
}
