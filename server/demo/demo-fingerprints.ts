import { createHash } from 'node:crypto';
import type { SessionFormat, Speaker } from '../../shared/model/entities.js';
import type { ImportLine } from '../../shared/protocol/import-format.js';
import type { Queryable } from '../db/database.js';

/**
 * What the demo import compares: for each record the demo corpus writes, the
 * fields the corpus sets, once as the corpus line says them and once as the
 * database holds them now. Equal fingerprints mean "as the demo left it";
 * anything else (a withdrawal, a text change, a recoloured tag) means someone
 * changed it after, and the demo never writes over that.
 */

/** The record a line writes: one key per theme, question, session, contribution, tag, translation layer. */
export function demoRecordKey(line: ImportLine): string {
  switch (line.type) {
    case 'translation':
      return `translation:${line.contributionId}:${line.language}:${line.origin}`;
    case 'participant':
      return `participant:${line.id}:${line.eventId}`;
    default:
      return `${line.type}:${line.id}`;
  }
}

/** jsonb keeps no key order: values are hashed with sorted keys. */
function fingerprint(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

// The version of a contribution is left out on purpose: it counts text
// changes, and the text itself is compared. The contribution it answers is
// added only when there is one, so the fingerprints recorded before threads
// existed still match a contribution that answers nothing.
const thread = (replyTo: unknown) => (replyTo ? [replyTo] : []);
// Likewise a session's programme (issue 18) only when it is a keynote or panel or has speakers.
const programme = (s: { format?: SessionFormat | undefined; speakers?: Speaker[] | undefined }) =>
  (s.format ?? 'session') !== 'session' || s.speakers?.length ? [s.format ?? 'session', s.speakers ?? []] : [];
export function lineFingerprint(line: ImportLine): string {
  switch (line.type) {
    case 'theme':
      return fingerprint([line.track, line.code, line.order, line.title]);
    case 'question':
      return fingerprint([
        line.track,
        line.theme,
        line.code,
        line.order,
        line.title,
        line.context ?? {},
        line.media ?? [],
      ]);
    case 'session':
      return fingerprint([line.day, line.date, line.order, line.title, line.questionIds, ...programme(line)]);
    case 'event':
      return fingerprint([
        line.kind,
        line.title,
        line.startsOn,
        line.endsOn,
        line.place ?? '',
        line.status ?? 'preparing',
        line.visibility ?? 'closed',
      ]);
    case 'participant':
      return fingerprint([line.name, line.language, [...line.roles].sort()]);
    case 'contribution':
      return fingerprint([
        line.questionId,
        line.author.name,
        line.author.kind,
        line.language,
        line.status,
        line.text,
        ...thread(line.replyTo),
      ]);
    case 'translation':
      return fingerprint([line.text, line.engine ?? null]);
    case 'tag':
      return fingerprint(['active', line.color, line.order, line.label]);
  }
}

/** The same fields as the database holds them now; undefined when the record does not exist. */
export async function storedFingerprint(tx: Queryable, line: ImportLine): Promise<string | undefined> {
  switch (line.type) {
    case 'theme': {
      const [r] = await tx.query('SELECT track, code, ord, title FROM themes WHERE id=$1', [line.id]);
      return r && fingerprint([r.track, r.code, Number(r.ord), r.title]);
    }
    case 'question': {
      const [r] = await tx.query('SELECT track, theme, code, ord, title, context, media FROM questions WHERE id=$1', [
        line.id,
      ]);
      return r && fingerprint([r.track, r.theme, r.code, Number(r.ord), r.title, r.context, r.media]);
    }
    case 'session': {
      const [r] = await tx.query(
        'SELECT day, date, ord, title, question_ids, format, speakers FROM seminar_sessions WHERE id=$1',
        [line.id],
      );
      return (
        r &&
        fingerprint([
          Number(r.day),
          r.date,
          Number(r.ord),
          r.title,
          r.question_ids,
          ...programme({ format: r.format as SessionFormat, speakers: r.speakers as Speaker[] }),
        ])
      );
    }
    case 'event': {
      const [r] = await tx.query(
        'SELECT kind, title, starts_on, ends_on, place, status, visibility FROM events WHERE id=$1',
        [line.id],
      );
      return r && fingerprint([r.kind, r.title, r.starts_on, r.ends_on, r.place, r.status, r.visibility]);
    }
    case 'participant': {
      const [r] = await tx.query<{ name: string; language: string; roles: string[] }>(
        `SELECT p.name, p.language, m.roles FROM participants p
         JOIN event_members m ON m.participant_id = p.id AND m.event_id = $2 AND m.removed_at IS NULL WHERE p.id = $1`,
        [line.id, line.eventId],
      );
      return r && fingerprint([r.name, r.language, [...r.roles].sort()]);
    }
    case 'contribution': {
      const [r] = await tx.query(
        `SELECT c.question_id, c.author_name, c.author_kind, c.language, c.status, c.reply_to, t.text
         FROM contributions c LEFT JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language
         WHERE c.id = $1`,
        [line.id],
      );
      return (
        r &&
        fingerprint([r.question_id, r.author_name, r.author_kind, r.language, r.status, r.text, ...thread(r.reply_to)])
      );
    }
    case 'translation': {
      const [r] = await tx.query(
        'SELECT text, engine FROM translation_layers WHERE contribution_id=$1 AND language=$2 AND layer=$3',
        [line.contributionId, line.language, line.origin],
      );
      return r && fingerprint([r.text, r.engine ?? null]);
    }
    case 'tag': {
      const [r] = await tx.query('SELECT status, color, ord, label FROM tags WHERE id=$1', [line.id]);
      return r && fingerprint([r.status, r.color, Number(r.ord), r.label]);
    }
  }
}

/**
 * Human translations of a contribution, keyed like demo records: a
 * contribution someone translated by hand counts as changed since the demo
 * import, so a new demo text never makes that work stale.
 */
export async function humanTranslations(tx: Queryable, contributionId: string): Promise<Map<string, string>> {
  const rows = await tx.query<{ language: string; text: string; engine: string | null }>(
    `SELECT language, text, engine FROM translation_layers WHERE contribution_id=$1 AND layer='human'`,
    [contributionId],
  );
  return new Map(
    rows.map((r) => [`translation:${contributionId}:${r.language}:human`, fingerprint([r.text, r.engine ?? null])]),
  );
}
