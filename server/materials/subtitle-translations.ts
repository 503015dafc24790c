import { createHash } from 'node:crypto';
import { LANGUAGES, type Lang } from '../../shared/languages.js';
import type { SubtitleTrack } from '../../shared/model/material.js';
import type { Queryable } from '../db/database.js';
import type { MaterialRow } from './material-store.js';

/**
 * A video's subtitles in the languages it lacks, through the contributions'
 * translation queue (kind 'subtitles'), as published proceedings are: a cue's
 * text is a unit named by its hash, sent once per target language whatever
 * the number of videos or uploads that hold it, and a machine track is the
 * original track's cues, timings kept, with each text replaced by its
 * translation, made once every cue of the original has one.
 *
 * A track the secretariat uploaded (the original, a human translation) is
 * never replaced by a machine one; an upload replaces a machine track.
 */

export const cueHash = (text: string): string => createHash('sha256').update(text).digest('hex');

const tracksOf = (row: MaterialRow): SubtitleTrack[] => row.subtitles ?? [];

/** The languages a machine track may be made for: those with no uploaded track. */
function machineTargets(tracks: readonly SubtitleTrack[]): Lang[] {
  const uploaded = new Set(tracks.filter((t) => t.origin !== 'machine').map((t) => t.language));
  return LANGUAGES.filter((l) => !uploaded.has(l));
}

/**
 * Records the units of a video's original track and queues every one not yet
 * translated into a language without an uploaded track. Called in the write
 * transaction that stored the original.
 */
export async function queueSubtitleTranslationsTx(
  tx: Queryable,
  materialId: string,
  original: SubtitleTrack,
  tracks: readonly SubtitleTrack[],
): Promise<void> {
  const texts = [...new Set(original.cues.map((c) => c.text))];
  const hashes = texts.map(cueHash);
  await tx.query(
    `INSERT INTO subtitle_sources (hash, source_language, text)
     SELECT h, $3, t FROM unnest($1::text[], $2::text[]) AS u(h, t) ON CONFLICT DO NOTHING`,
    [hashes, texts, original.language],
  );
  // The units of the material's current original only: a replaced original's cues are not waited for.
  await tx.query('DELETE FROM subtitle_units WHERE material_id = $1', [materialId]);
  await tx.query(
    `INSERT INTO subtitle_units (material_id, hash) SELECT $1, h FROM unnest($2::text[]) AS u(h) ON CONFLICT DO NOTHING`,
    [materialId, hashes],
  );
  const targets = machineTargets(tracks);
  await tx.query(
    `INSERT INTO translation_jobs (kind, unit_hash, source_version, source_language, target_language, status)
     SELECT 'subtitles', u.h, 1, $2, t, 'queued' FROM unnest($1::text[]) AS u(h) CROSS JOIN unnest($3::text[]) AS t
     WHERE NOT EXISTS (SELECT 1 FROM subtitle_translations s
       WHERE s.hash = u.h AND s.source_language = $2 AND s.target_language = t)
     ON CONFLICT (unit_hash, source_language, target_language) WHERE kind = 'subtitles'
     DO UPDATE SET status = 'queued', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now()
     WHERE translation_jobs.status = 'superseded'`,
    [hashes, original.language, targets],
  );
}

/**
 * A track uploaded in `language`: the queued cues no video needs in that
 * language any more (each video holding them has an uploaded track there)
 * are not sent. Called once the material's row holds the track.
 */
export async function dropUnneededJobsTx(tx: Queryable, materialId: string, language: Lang): Promise<void> {
  await tx.query(
    `UPDATE translation_jobs j SET status = 'superseded', lease = NULL, locked_until = NULL, updated_at = now()
     WHERE j.kind = 'subtitles' AND j.target_language = $2 AND j.status IN ('queued', 'failed')
       AND j.unit_hash IN (SELECT hash FROM subtitle_units WHERE material_id = $1)
       AND NOT EXISTS (SELECT 1 FROM subtitle_units u JOIN materials m ON m.id = u.material_id
         WHERE u.hash = j.unit_hash AND NOT m.deleted AND NOT EXISTS (
           SELECT 1 FROM jsonb_array_elements(m.subtitles) t WHERE t->>'language' = $2 AND t->>'origin' <> 'machine'))`,
    [materialId, language],
  );
}

/**
 * The machine tracks of a material that can be made now (every cue of its
 * original translated into the language), for `targets` or every language
 * without an uploaded track; the material's row is read FOR UPDATE by the
 * caller's store. Returns the tracks, for putSubtitlesTx.
 */
export async function machineTracksTx(
  tx: Queryable,
  row: MaterialRow,
  targets?: readonly Lang[],
): Promise<SubtitleTrack[]> {
  const tracks = tracksOf(row);
  const original = tracks.find((t) => t.origin === 'original');
  if (!original || row.deleted) return [];
  const wanted = machineTargets(tracks).filter((l) => !targets || targets.includes(l));
  if (wanted.length === 0) return [];
  const hashes = [...new Set(original.cues.map((c) => cueHash(c.text)))];
  const rows = await tx.query<{ hash: string; target_language: Lang; text: string; engine: string }>(
    `SELECT hash, target_language, text, engine FROM subtitle_translations
     WHERE source_language = $1 AND target_language = ANY($2::text[]) AND hash = ANY($3::text[])`,
    [original.language, wanted, hashes],
  );
  const made: SubtitleTrack[] = [];
  for (const language of wanted) {
    const mine = rows.filter((r) => r.target_language === language);
    if (mine.length < hashes.length) continue;
    const text = new Map(mine.map((r) => [r.hash, r.text]));
    made.push({
      language,
      origin: 'machine',
      engine: [...new Set(mine.map((r) => r.engine))].sort().join(', '),
      cues: original.cues.map((c) => ({ start: c.start, end: c.end, text: text.get(cueHash(c.text))! })),
    });
  }
  return made;
}

/** The materials whose original track holds the unit `hash` (to make their tracks once it is translated). */
export async function materialsWithUnit(tx: Queryable, hash: string): Promise<string[]> {
  const rows = await tx.query<{ material_id: string }>(
    'SELECT material_id FROM subtitle_units WHERE hash = $1 ORDER BY material_id',
    [hash],
  );
  return rows.map((r) => r.material_id);
}

/** Stores a cue's translation (once: a unit's translation never changes); whether it was new. */
export async function storeCueTranslationTx(
  tx: Queryable,
  unit: { hash: string; source: Lang; target: Lang; text: string; engine: string },
): Promise<boolean> {
  const stored = await tx.query(
    `INSERT INTO subtitle_translations (hash, source_language, target_language, text, engine)
     VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING RETURNING hash`,
    [unit.hash, unit.source, unit.target, unit.text, unit.engine],
  );
  return stored.length > 0;
}
