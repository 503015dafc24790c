import { LANGUAGES, type Lang } from '../../shared/languages.js';
import { parseProceedingsInput, type ProceedingsInput } from '../../shared/export/proceedings/input.js';
import type { EditionTranslation, EditionUnitView } from '../../shared/protocol/proceedings.js';
import {
  editionSections,
  translateEdition,
  translationUnits,
  type Unit,
} from '../../shared/proceedings/translate-edition.js';
import type { Queryable } from '../db/database.js';
import { editionQuotesIn } from './edition-quotes.js';
import { toIso } from '../db/timestamps.js';

/**
 * A published edition in the other nine languages, through the translation
 * queue (shared/proceedings/translate-edition.ts says what a unit is). At
 * publication its units are recorded and every unit not yet translated into
 * a language is queued for it; a machine edition exists once all of its
 * units are, and is made from the frozen source and the stored
 * translations, which never change: the same bytes at every export.
 */
export async function registerEditionUnitsTx(tx: Queryable, eventId: string, number: number, input: ProceedingsInput) {
  const units = translationUnits(input);
  const hashes = units.map((u) => u.hash);
  await tx.query(
    `INSERT INTO proceedings_sources (hash, source_language, text)
     SELECT h, $3, t FROM unnest($1::text[], $2::text[]) AS u(h, t) ON CONFLICT DO NOTHING`,
    [hashes, units.map((u) => u.text), input.language],
  );
  await tx.query(
    `INSERT INTO proceedings_units (event_id, number, hash) SELECT $1, $2, h FROM unnest($3::text[]) AS u(h)
     ON CONFLICT DO NOTHING`,
    [eventId, number, hashes],
  );
  const targets = LANGUAGES.filter((l) => l !== input.language);
  await tx.query(
    `INSERT INTO translation_jobs (kind, unit_hash, source_version, source_language, target_language, status)
     SELECT 'proceedings', u.h, 1, $2, t, 'queued' FROM unnest($1::text[]) AS u(h) CROSS JOIN unnest($3::text[]) AS t
     WHERE NOT EXISTS (SELECT 1 FROM proceedings_translations p
       WHERE p.hash = u.h AND p.source_language = $2 AND p.target_language = t)
     ON CONFLICT (unit_hash, source_language, target_language) WHERE kind = 'proceedings' DO NOTHING`,
    [hashes, input.language, targets],
  );
  return units.length;
}

/** The languages an edition exists in: its own, and each whose every unit is translated. */
export async function editionLanguages(db: Queryable, eventId: string, number: number, source: Lang): Promise<Lang[]> {
  const rows = await db.query<{ target_language: Lang; done: number; total: number }>(
    `SELECT p.target_language, count(*)::int AS done,
       (SELECT count(*)::int FROM proceedings_units WHERE event_id = $1 AND number = $2) AS total
     FROM proceedings_units u JOIN proceedings_translations p ON p.hash = u.hash AND p.source_language = $3
     WHERE u.event_id = $1 AND u.number = $2 GROUP BY p.target_language`,
    [eventId, number, source],
  );
  const done = new Set(rows.filter((r) => Number(r.done) === Number(r.total)).map((r) => r.target_language));
  return LANGUAGES.filter((l) => l === source || done.has(l));
}

/** An edition in one language (its own, or a complete machine edition); null when that one is not there yet. */
export async function editionIn(
  db: Queryable,
  eventId: string,
  number: number,
  lang: Lang,
): Promise<ProceedingsInput | null> {
  const [row] = await db.query<{ input: string }>(
    'SELECT input FROM proceedings_editions WHERE event_id = $1 AND number = $2',
    [eventId, number],
  );
  if (!row) return null;
  const input = parseProceedingsInput(JSON.parse(row.input));
  if (lang === input.language) return input;
  // A person's correction of a unit stands over the machine's text (the machine's stays stored, unused).
  const rows = await db.query<{ hash: string; text: string; engine: string; corrected: string | null }>(
    `SELECT p.hash, p.text, p.engine, c.text AS corrected FROM proceedings_units u
     JOIN proceedings_translations p ON p.hash = u.hash AND p.source_language = $3 AND p.target_language = $4
     LEFT JOIN proceedings_corrections c ON c.event_id = u.event_id AND c.hash = u.hash
       AND c.source_language = $3 AND c.target_language = $4
     WHERE u.event_id = $1 AND u.number = $2 ORDER BY p.hash`,
    [eventId, number, input.language, lang],
  );
  const byHash = new Map(rows.map((r) => [r.hash, r.corrected ?? r.text]));
  const corrected = new Set(rows.filter((r) => r.corrected !== null).map((r) => r.hash));
  const engines = [...new Set(rows.map((r) => r.engine))].sort();
  const quotes = await editionQuotesIn(db, eventId, number, lang);
  const translated = translateEdition(
    input,
    lang,
    engines.join(', ') || 'machine',
    (hash) => byHash.get(hash),
    (hash) => corrected.has(hash),
    (key) => quotes.get(key),
  );
  return translated ? parseProceedingsInput(translated) : null;
}

/** An edition's frozen input, or null when there is no such edition. */
async function frozenInput(db: Queryable, eventId: string, number: number): Promise<ProceedingsInput | null> {
  const [row] = await db.query<{ input: string }>(
    'SELECT input FROM proceedings_editions WHERE event_id = $1 AND number = $2',
    [eventId, number],
  );
  return row ? parseProceedingsInput(JSON.parse(row.input)) : null;
}

/**
 * An edition's units in `lang` with the machine's text and a person's
 * correction, grouped in sections; in the edition's own language the units
 * alone (the original). Null when there is no such edition.
 */
export async function editionTranslation(
  db: Queryable,
  eventId: string,
  number: number,
  lang: Lang,
): Promise<EditionTranslation | null> {
  const input = await frozenInput(db, eventId, number);
  if (!input) return null;
  const sections = editionSections(input);
  const units = translationUnits(input);
  if (lang === input.language)
    return {
      source: input.language,
      units: units.map((u) => ({ hash: u.hash, source: u.text, machine: null, correction: null })),
      sections,
    };
  return { source: input.language, units: await unitsIn(db, eventId, units, input.language, lang), sections };
}

/** Every unit of an edition with its machine translation into `lang` and a person's correction, in reading order. */
export async function editionUnits(
  db: Queryable,
  eventId: string,
  number: number,
  source: Lang,
  lang: Lang,
): Promise<EditionUnitView[]> {
  const input = await frozenInput(db, eventId, number);
  return input ? unitsIn(db, eventId, translationUnits(input), source, lang) : [];
}

async function unitsIn(
  db: Queryable,
  eventId: string,
  units: readonly Unit[],
  source: Lang,
  lang: Lang,
): Promise<EditionUnitView[]> {
  const rows = await db.query<{
    hash: string;
    machine: string | null;
    corrected: string | null;
    author_id: string | null;
    author_name: string | null;
    corrected_at: unknown;
  }>(
    `SELECT u.hash, p.text AS machine, c.text AS corrected, c.author_id, a.name AS author_name, c.corrected_at
     FROM unnest($1::text[]) AS u(hash)
     LEFT JOIN proceedings_translations p ON p.hash = u.hash AND p.source_language = $3 AND p.target_language = $4
     LEFT JOIN proceedings_corrections c ON c.event_id = $2 AND c.hash = u.hash
       AND c.source_language = $3 AND c.target_language = $4
     LEFT JOIN participants a ON a.id = c.author_id`,
    [units.map((u) => u.hash), eventId, source, lang],
  );
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  return units.map((u) => {
    const r = byHash.get(u.hash);
    return {
      hash: u.hash,
      source: u.text,
      machine: r?.machine ?? null,
      correction:
        r?.corrected != null
          ? {
              text: r.corrected,
              authorId: r.author_id!,
              authorName: r.author_name ?? r.author_id!,
              correctedAt: toIso(r.corrected_at),
            }
          : null,
    };
  });
}

/** Keeps a person's correction of one unit in `lang` (the latest one stands); the caller checked who and what. */
export async function putCorrectionTx(
  tx: Queryable,
  at: { eventId: string; hash: string; source: Lang; lang: Lang; text: string; authorId: string },
) {
  await tx.query(
    `INSERT INTO proceedings_corrections (event_id, hash, source_language, target_language, text, author_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (event_id, hash, source_language, target_language)
     DO UPDATE SET text = EXCLUDED.text, author_id = EXCLUDED.author_id, corrected_at = now()`,
    [at.eventId, at.hash, at.source, at.lang, at.text, at.authorId],
  );
}
