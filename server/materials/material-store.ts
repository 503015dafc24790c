import { isDeepStrictEqual } from 'node:util';
import type { Participant } from '../../shared/model/entities.js';
import type { Material, MaterialId, MaterialOwner, SubtitleTrack } from '../../shared/model/material.js';
import type { Lang, LocalizedText } from '../../shared/languages.js';
import { materialCreateSchema, type MaterialCreate, type MaterialType } from '../../shared/protocol/materials.js';
import type { Queryable } from '../db/database.js';
import { toIso } from '../db/timestamps.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';
import { dropUnneededJobsTx, machineTracksTx, queueSubtitleTranslationsTx } from './subtitle-translations.js';

export interface MaterialRow {
  id: string;
  owner_kind: string;
  owner_id: string;
  title: LocalizedText;
  description: LocalizedText;
  media_type: string;
  size: number | string;
  sha256: string;
  created_at: unknown;
  version: number;
  deleted: boolean;
  subtitles?: SubtitleTrack[];
}

export function materialFromRow(row: MaterialRow): Material {
  return {
    id: row.id as MaterialId,
    owner: { kind: row.owner_kind, id: row.owner_id } as MaterialOwner,
    title: row.title,
    description: row.description,
    mediaType: row.media_type as MaterialType,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: toIso(row.created_at),
    version: Number(row.version),
    deleted: row.deleted,
    ...(row.subtitles?.length ? { subtitles: row.subtitles } : {}),
  };
}

export async function readMaterial(db: Queryable, id: string): Promise<Material | null> {
  const [row] = await db.query<MaterialRow>('SELECT * FROM materials WHERE id=$1', [id]);
  return row ? materialFromRow(row) : null;
}

export async function listMaterials(db: Queryable): Promise<Material[]> {
  const rows = await db.query<MaterialRow>(
    'SELECT * FROM materials WHERE NOT deleted ORDER BY owner_kind, owner_id, id',
  );
  return rows.map(materialFromRow);
}

/**
 * Adds a material, or changes one (its titles, its file): the secretariat's
 * write, in the caller's write transaction. `size` is the stored file's, which
 * the caller looked up by hash: a material never names bytes the store lacks.
 * Sending the same material again changes nothing.
 */
export async function putMaterialTx(
  tx: Queryable,
  author: Participant,
  input: MaterialCreate,
  size: number,
): Promise<WriteOutcome<Material>> {
  const parsed = materialCreateSchema.safeParse(input);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const m = parsed.data;
  // The owner must exist: a material of an unknown question or event would be a row no one can ever see.
  const [owner] = await tx.query(
    m.owner.kind === 'question' ? 'SELECT 1 FROM questions WHERE id=$1' : 'SELECT 1 FROM events WHERE id=$1',
    [m.owner.id],
  );
  if (!owner) return unchanged(rejected('not-found', `no ${m.owner.kind} ${JSON.stringify(m.owner.id)}`));
  const [existing] = await tx.query<MaterialRow>('SELECT * FROM materials WHERE id=$1 FOR UPDATE', [m.id]);
  const same =
    existing &&
    !existing.deleted &&
    existing.owner_kind === m.owner.kind &&
    existing.owner_id === m.owner.id &&
    isDeepStrictEqual(existing.title, m.title) &&
    isDeepStrictEqual(existing.description, m.description) &&
    existing.media_type === m.mediaType &&
    existing.sha256 === m.sha256;
  if (existing && same) return unchanged({ status: 'applied', record: materialFromRow(existing) });
  const values = [m.id, m.owner.kind, m.owner.id, m.title, m.description, m.mediaType, size, m.sha256];
  const [row] = existing
    ? await tx.query<MaterialRow>(
        `UPDATE materials SET owner_kind=$2, owner_id=$3, title=$4, description=$5, media_type=$6, size=$7,
           sha256=$8, deleted=false, version=version+1, seq=nextval('change_seq') WHERE id=$1 RETURNING *`,
        values,
      )
    : await tx.query<MaterialRow>(
        `INSERT INTO materials (id, owner_kind, owner_id, title, description, media_type, size, sha256, created_by, seq)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,nextval('change_seq')) RETURNING *`,
        [...values, author.id],
      );
  return { result: { status: 'applied', record: materialFromRow(row!) }, changed: true };
}

/** Takes a material off every device (its row stays, deleted, so pulls learn it; its file stays in the store). */
export async function removeMaterialTx(tx: Queryable, id: string): Promise<WriteOutcome<Material>> {
  const [row] = await tx.query<MaterialRow>(
    `UPDATE materials SET deleted=true, version=version+1, seq=nextval('change_seq')
     WHERE id=$1 AND NOT deleted RETURNING *`,
    [id],
  );
  if (row) return { result: { status: 'applied', record: materialFromRow(row) }, changed: true };
  const existing = await readMaterial(tx, id);
  return unchanged(
    existing ? { status: 'applied', record: existing } : rejected('not-found', `no material ${JSON.stringify(id)}`),
  );
}

const withTrack = (tracks: readonly SubtitleTrack[], track: SubtitleTrack): SubtitleTrack[] =>
  [...tracks.filter((t) => t.language !== track.language), track].sort((a, b) => a.language.localeCompare(b.language));

/**
 * Sets a video's subtitles in one language (the secretariat's upload, or a
 * machine translation of the original track), in the caller's write
 * transaction: the material gets a new version, so every device pulls the
 * track. An identical track changes nothing; a machine track never replaces
 * an uploaded one. A new original queues its translation into the languages
 * without an uploaded track (subtitle-translations.ts), and takes at once the
 * machine tracks whose every cue was translated before.
 */
export async function putSubtitlesTx(
  tx: Queryable,
  materialId: string,
  track: SubtitleTrack,
): Promise<WriteOutcome<Material>> {
  const [row] = await tx.query<MaterialRow>('SELECT * FROM materials WHERE id=$1 AND NOT deleted FOR UPDATE', [
    materialId,
  ]);
  if (!row) return unchanged(rejected('not-found', `no material ${JSON.stringify(materialId)}`));
  if (!row.media_type.startsWith('video/'))
    return unchanged(rejected('validation-failed', 'subtitles belong to a video material'));
  const tracks = row.subtitles ?? [];
  const current = tracks.find((t) => t.language === track.language);
  if (track.origin === 'machine' && current && current.origin !== 'machine')
    return unchanged({ status: 'applied', record: materialFromRow(row) });
  let next = withTrack(tracks, track);
  if (track.origin === 'original') {
    await queueSubtitleTranslationsTx(tx, materialId, track, next);
    for (const made of await machineTracksTx(tx, { ...row, subtitles: next })) next = withTrack(next, made);
  }
  const written = await writeTracksTx(tx, row, next);
  if (track.origin !== 'machine') await dropUnneededJobsTx(tx, materialId, track.language);
  return written;
}

/**
 * The machine tracks of a material that became complete (a cue's translation
 * into `targets` arrived from the queue); nothing when none did.
 */
export async function takeMachineTracksTx(
  tx: Queryable,
  materialId: string,
  targets: readonly Lang[],
): Promise<WriteOutcome<Material>> {
  const [row] = await tx.query<MaterialRow>('SELECT * FROM materials WHERE id=$1 AND NOT deleted FOR UPDATE', [
    materialId,
  ]);
  if (!row) return unchanged(rejected('not-found', `no material ${JSON.stringify(materialId)}`));
  let next = row.subtitles ?? [];
  for (const made of await machineTracksTx(tx, row, targets)) next = withTrack(next, made);
  return writeTracksTx(tx, row, next);
}

async function writeTracksTx(tx: Queryable, row: MaterialRow, next: SubtitleTrack[]): Promise<WriteOutcome<Material>> {
  if (isDeepStrictEqual(row.subtitles ?? [], next))
    return unchanged({ status: 'applied', record: materialFromRow(row) });
  const [updated] = await tx.query<MaterialRow>(
    `UPDATE materials SET subtitles=$2, version=version+1, seq=nextval('change_seq') WHERE id=$1 RETURNING *`,
    [row.id, JSON.stringify(next)],
  );
  return { result: { status: 'applied', record: materialFromRow(updated!) }, changed: true };
}

/** The language of a video's original subtitles, when it has them. */
export const originalTrack = (material: Material): SubtitleTrack | undefined =>
  material.subtitles?.find((t) => t.origin === 'original');
