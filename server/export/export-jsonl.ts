import type { Database } from '../db/database.js';
import { sessionProgramme } from '../events/session-programme.js';
import { importLineSchema } from '../../shared/protocol/import-format.js';
import { hashText } from '../../shared/anchoring/hash-text.js';

const PAGE = 500;

/**
 * The server's corpus as a consultation export (docs/import-format.md), line
 * by line: the agenda, the codebook's active tags, then each contribution
 * with its translations, both layers. Importing it into an empty server gives
 * the same texts, versions and sources; importing it back changes nothing.
 * A translation of the current original says so by the original's hash, which
 * holds on any server; one of an earlier text by its `sourceVersion`, which the
 * contribution's `version` makes mean the same on the server that imports it.
 * Contributions are read a page at a time, so a large corpus never sits in memory.
 * Events and their agendas are exported; not exported: participants, annotations, syntheses, withdrawal reasons.
 */
export async function* exportLines(db: Database): AsyncGenerator<string> {
  // Each line is checked against the import schema: an export always imports.
  const line = (record: Record<string, unknown>) => JSON.stringify(importLineSchema.parse(record));
  for (const t of await db.query<Record<string, unknown>>(
    'SELECT id, track, code, ord, title FROM themes ORDER BY ord, id',
  ))
    yield line({ type: 'theme', id: t.id, track: t.track, code: t.code, order: Number(t.ord), title: t.title });
  for (const q of await db.query<Record<string, unknown>>(
    'SELECT id, track, theme, code, ord, title, context, media FROM questions ORDER BY ord, id',
  )) {
    const context = q.context as Record<string, string>;
    const media = q.media as unknown[];
    yield line({
      type: 'question',
      id: q.id,
      track: q.track,
      theme: q.theme,
      code: q.code,
      order: Number(q.ord),
      title: q.title,
      ...(Object.keys(context).length ? { context } : {}),
      ...(media.length ? { media } : {}),
    });
  }
  // Events (issue 18) before the sessions that name them.
  for (const e of await db.query<Record<string, unknown>>(
    `SELECT e.*, (SELECT COALESCE(array_agg(q.question_id ORDER BY q.ord, q.question_id), '{}') FROM event_questions q
       WHERE q.event_id = e.id) AS question_ids FROM events e ORDER BY e.starts_on, e.id`,
  ))
    yield line({
      type: 'event',
      id: e.id,
      kind: e.kind,
      title: e.title,
      startsOn: e.starts_on,
      endsOn: e.ends_on,
      ...(e.place ? { place: e.place } : {}),
      status: e.status,
      visibility: e.visibility,
      questionIds: e.question_ids,
    });
  for (const s of await db.query<Record<string, unknown>>(
    'SELECT id, day, date, ord, title, question_ids, event_id, format, speakers FROM seminar_sessions ORDER BY ord, id',
  ))
    yield line({
      type: 'session',
      id: s.id,
      eventId: s.event_id,
      day: Number(s.day),
      date: s.date,
      order: Number(s.ord),
      title: s.title,
      questionIds: s.question_ids,
      ...sessionProgramme(s),
    });
  for (const t of await db.query<Record<string, unknown>>(
    `SELECT id, ord, color, label FROM tags WHERE status = 'active' ORDER BY ord, id`,
  ))
    yield line({ type: 'tag', id: t.id, order: Number(t.ord), color: t.color, label: t.label });

  let after = '';
  for (;;) {
    const contributions = await db.query<{
      id: string;
      question_id: string;
      author_name: string;
      author_kind: string;
      language: string;
      created_at: string;
      status: string;
      version: number;
      reply_to: string | null;
      text: string | null;
    }>(
      `SELECT c.id, c.question_id, c.author_name, c.author_kind, c.language, to_json(c.created_at)#>>'{}' AS created_at,
         c.status, c.version, c.reply_to, t.text
       FROM contributions c LEFT JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language
       WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
      [after, PAGE],
    );
    if (!contributions.length) return;
    after = contributions.at(-1)!.id;
    const layers = await db.query<{
      contribution_id: string;
      language: string;
      layer: 'machine' | 'human';
      text: string;
      engine: string | null;
      source_version: number;
    }>(
      `SELECT contribution_id, language, layer, text, engine, source_version FROM translation_layers
       WHERE contribution_id = ANY($1::text[]) ORDER BY contribution_id, language, layer`,
      [contributions.map((c) => c.id)],
    );
    const byContribution = new Map<string, typeof layers>();
    for (const l of layers)
      byContribution.set(l.contribution_id, [...(byContribution.get(l.contribution_id) ?? []), l]);
    for (const c of contributions) {
      if (c.text === null) continue;
      const version = Number(c.version);
      yield line({
        type: 'contribution',
        id: c.id,
        questionId: c.question_id,
        author: { name: c.author_name, kind: c.author_kind },
        language: c.language,
        createdAt: c.created_at,
        status: c.status,
        text: c.text,
        version,
        // An answer may come before what it answers (ids order the file): the import holds it back until then.
        ...(c.reply_to ? { replyTo: c.reply_to } : {}),
      });
      const hash = hashText(c.text);
      for (const l of byContribution.get(c.id) ?? [])
        yield line({
          type: 'translation',
          contributionId: c.id,
          language: l.language,
          origin: l.layer,
          ...(l.engine ? { engine: l.engine } : {}),
          text: l.text,
          ...(Number(l.source_version) === version
            ? { sourceHash: hash }
            : { sourceVersion: Number(l.source_version) }),
        });
    }
  }
}
